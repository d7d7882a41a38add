using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>
/// K targets per example as rank-2 labels y[N, K]: the sum over k of the softmax cross-entropy
/// against each target. Repeated targets in a row must accumulate into the same gradient element.
/// (The target index is t, not k: k over K hits the index-name collision in Repros/IndexVariableNamedLikeDimension.cs.)
/// </summary>
[Loss]
public partial struct MultiTargetSoftmax
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N", "K")] Labels y)
        => Mean(i => Sum(t => LogSumExp(j => s[i, j]) - s[i, y[i, t]]));
}
