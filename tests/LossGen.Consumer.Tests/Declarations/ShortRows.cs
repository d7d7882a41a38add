using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

// User losses whose rows are short, so the rows-across-lanes blocks take them (a block of V.Count
// rows, one per lane). Each exercises a different way of addressing a row's elements.

/// <summary>
/// Softmax cross-entropy on column-major scores t [C, N]: the row index is the last, contiguous
/// one, and the label picks the row of t (a labeled load scaled by N).
/// </summary>
[Loss]
public partial struct ColumnMajorSoftmax
{
    static float Define([Shape("C", "N")] Tensor t, [Shape("N")] Labels y)
        => Mean(i => LogSumExp(j => t[j, i]) - t[y[i], i]);
}

/// <summary>
/// An ordinal (cumulative-link) loss: class j &lt; y[i] should score negative, the others positive.
/// The label enters only through the comparison j &lt; y[i], a per-row lane mask.
/// </summary>
[Loss]
public partial struct OrdinalSoftplus
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y)
        => Mean(i => Sum(j => j < y[i] ? Softplus(s[i, j]) : Softplus(-s[i, j])));
}

/// <summary>
/// A per-class bias b [C] and a per-row temperature u [N] on the scores: the gradient of b sums
/// over rows (across lanes), the gradient of u is one element per row.
/// </summary>
[Loss]
public partial struct TemperedBiasSoftmax
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Tensor u, [Shape("C")] Tensor b, [Shape("N")] Labels y)
        => Mean(i => LogSumExp(j => u[i] * s[i, j] + b[j]) - (u[i] * s[i, y[i]] + b[y[i]]));
}
