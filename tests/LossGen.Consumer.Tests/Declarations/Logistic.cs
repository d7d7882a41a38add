using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>Logistic loss for labels ±1: <c>(1/N) Σ_i log(1 + exp(−y_i wᵀx_i))</c>, via Softplus.</summary>
[Loss]
public partial struct LogisticRegression
{
    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D")] Tensor w, [Const, Shape("N")] Tensor y)
        => Mean(i => Softplus(-y[i] * Sum(k => X[i, k] * w[k])));
}
