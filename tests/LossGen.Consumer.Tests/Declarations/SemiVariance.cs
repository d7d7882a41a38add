using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>
/// Upper semi-variance of each row: <c>mean_i Σ_j [s_ij &gt; μ_i] (s_ij − μ_i)²</c>, μ_i = mean_j s_ij.
/// A reduction inside the condition and the body of another reduction over the same row: the
/// gradient flows through μ_i back to every element of the row.
/// </summary>
[Loss]
public partial struct SemiVariance
{
    static float Define([Shape("N", "C")] Tensor s)
        => Mean(i => Sum(j => s[i, j] > Mean(q => s[i, q]) ? Sqr(s[i, j] - Mean(q => s[i, q])) : 0f));
}

/// <summary>Sigmoid and Softplus on raw, possibly huge inputs: <c>Σ σ(x) + softplus(−x)</c>.</summary>
[Loss]
public partial struct SigmoidSoftplus
{
    static float Define([Shape("N")] Tensor x) => Sum(i => Sigmoid(x[i]) + Softplus(-x[i]));
}
