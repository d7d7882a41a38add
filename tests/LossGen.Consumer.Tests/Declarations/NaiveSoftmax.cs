using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>
/// Softmax cross-entropy written the naive way, <c>log Σ_j exp(s_ij) − s_{i,y_i}</c>: the
/// Stabilize pass has to turn it into a max-shifted log-sum-exp, or scores of 1e4 overflow.
/// </summary>
// LG0301 tells a user to write LogSumExp; this declaration keeps the written-out form on purpose,
// to test that the compiler stabilizes it anyway.
#pragma warning disable LG0301
[Loss]
public partial struct NaiveSoftmax
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y)
        => Mean(i => Log(Sum(j => Exp(s[i, j]))) - s[i, y[i]]);
}
#pragma warning restore LG0301
