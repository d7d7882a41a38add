using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>
/// Softmax cross-entropy written the naive way, <c>log Σ_j exp(s_ij) − s_{i,y_i}</c>: the
/// Stabilize pass has to turn it into a max-shifted log-sum-exp, or scores of 1e4 overflow.
/// </summary>
[Loss]
public partial struct NaiveSoftmax
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y)
        => Mean(i => Log(Sum(j => Exp(s[i, j]))) - s[i, y[i]]);
}
