using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>
/// Label-smoothed cross-entropy: the target puts 1 − ε on the label and ε spread evenly over all
/// C classes, so <c>L_i = logsumexp_j s_ij − (1 − ε) s_{i,y_i} − ε · mean_j s_ij</c>.
/// </summary>
[Loss]
public partial struct LabelSmoothedCrossEntropy
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y, float eps = 0.1f)
        => Mean(i => LogSumExp(j => s[i, j]) - (1f - eps) * s[i, y[i]] - eps * Mean(j => s[i, j]));
}

/// <summary>
/// Focal loss with γ = 2: <c>L_i = −(1 − p_i)² log p_i</c>, with p_i the softmax probability of
/// the label, with log p_i as a rank-1 comprehension that reads the labels.
/// </summary>
[Loss]
public partial struct FocalLoss
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y)
    {
        var logp = Tensor.Of(i => s[i, y[i]] - LogSumExp(j => s[i, j]));
        return Mean(i => -Pow(1f - Exp(logp[i]), 2f) * logp[i]);
    }
}
