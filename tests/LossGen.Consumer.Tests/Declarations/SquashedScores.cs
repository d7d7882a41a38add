using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>
/// A made-up smooth objective whose only purpose is to combine a named comprehension used twice
/// with Tanh, Sigmoid, Pow(x, 3) and Sqrt: with h = tanh(XW + b),
/// <c>L = (1/N) Σ_i Σ_j σ(h_ij) h_ij³ + sqrt(1 + Σ W²)</c>.
/// </summary>
[Loss]
public partial struct SquashedScores
{
    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D", "C")] Tensor W, [Shape("C")] Tensor b)
    {
        var h = Tensor.Of((i, j) => Tanh(Sum(k => X[i, k] * W[k, j]) + b[j]));
        return Mean(i => Sum(j => Sigmoid(h[i, j]) * Pow(h[i, j], 3f))) + Sqrt(1f + Sum((k, j) => Sqr(W[k, j])));
    }
}
