using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>
/// Cross-entropy over a batch of sequences: scores are rank 3 [B, T, C], labels rank 2 [B, T],
/// averaged over both batch and time with a two-variable Mean.
/// </summary>
[Loss]
public partial struct SequenceCrossEntropy
{
    static float Define([Shape("B", "T", "C")] Tensor x, [Shape("B", "T")] Labels y)
        => Mean((n, m) => LogSumExp(k => x[n, m, k]) - x[n, m, y[n, m]]);
}
