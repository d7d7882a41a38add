using static LossGen.Dsl;

namespace LossGen.Builtins;

/// <summary>
/// Softmax cross-entropy on scores: <c>L = (1/N) Σ_i −log(e^{s_{i,y_i}} / Σ_j e^{s_ij})
/// = (1/N) Σ_i (logsumexp_j s_ij − s_{i,y_i})</c>, natural log. The log-sum-exp is evaluated
/// max-shifted, so scores of ±1e30 give finite losses.
/// </summary>
[Loss]
public partial struct SoftmaxCrossEntropy
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y)
        => Mean(i => LogSumExp(j => s[i, j]) - s[i, y[i]]);
}
