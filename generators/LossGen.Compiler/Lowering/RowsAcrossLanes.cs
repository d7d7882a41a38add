using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Ir;

namespace LossGen.Compiler.Lowering;

/// <summary>
/// The second vectorization strategy: rows across lanes. The usual strategy vectorizes along the
/// contiguous last index (<see cref="Vectorization"/>), which for a short row — ten classes — leaves
/// one masked vector per row and makes the per-row work (horizontal max and sum, a scalar log, the
/// label) the whole cost. Instead, the outer loop over rows <c>i</c> takes a block of
/// <c>V.Count</c> rows at a time and lane l holds row <c>i + l</c>: every per-row scalar becomes a
/// vector, a reduction over j becomes a plain loop over j that combines lane by lane (no
/// horizontal step), and exp/log run on full vectors. Column j of the block is a strided load
/// (<c>V.LoadStrided</c>), the label's element a labeled one (<c>V.LoadLabeled</c>), and
/// <c>j == y[i]</c> a lane mask from the labels (<c>V.LabelMask</c>).
/// <para>
/// It is used for a Sum/Mean loop at the top of the kernel whose elements can all be addressed per
/// lane (<see cref="CanPutRowsAcross"/>), and only at run time when every loop inside a row is short
/// (<see cref="ShortRowLimit"/>); the rows of the last partial block, and all rows when a row is
/// long, take the row-at-a-time code as before.
/// </para>
/// </summary>
internal static class RowsAcrossLanes
{
    /// <summary>
    /// The generated run-time test: rows across lanes pays one strided access per element where
    /// the row-wise code pays one per vector, so it wins only while the row-wise code is dominated
    /// by its per-row horizontal steps: measured on AVX-512 (benchmarks/results), up to about two
    /// vectors per row.
    /// </summary>
    public const string ShortRowLimit = "2 * V.Count";

    /// <summary>
    /// The limit when a row's code has a Max, Min or LogSumExp over the row: there the row-wise code
    /// waits for a horizontal maximum before its next pass (and takes a scalar log per row), and
    /// the block still wins at four vectors per row (softmax at C = 33…64: 1.24 → 0.71 and 0.66 →
    /// 0.49 ns per score, float; SVM, a single sum, loses beyond two: 0.22 → 0.27 at C = 64).
    /// Eight vectors won too while the scores fit in cache (C = 100, N = 6553: 0.60 → 0.46) but
    /// lost once they did not (N = 16384: 0.85): the tile transposes write each gradient row in
    /// 16-byte pieces, four rows at a time. Four still win out of cache (C = 64, N = 32768: 0.68 → 0.59).
    /// </summary>
    public const string ShortRowLimitAfterExtreme = "4 * V.Count";

    /// <summary>
    /// Whether every element the loop over <paramref name="v"/> touches (forward values, gradient
    /// coefficients and targets) can be addressed lane by lane: <c>v</c> may appear at any
    /// position of an access (a stride), and through at most one label per access whose own indices
    /// are plain variables (<c>s[i, y[i]]</c>); an index comparison may involve <c>v</c> on one side
    /// only, as the variable itself or as such a label. At least one access must depend on <c>v</c>.
    /// </summary>
    public static bool CanPutRowsAcross(string v, IEnumerable<Expr> exprs)
    {
        var any = false;
        foreach (var node in exprs.SelectMany(ExprWalk.Nodes))
        {
            if (node is Access a)
            {
                var labels = 0;
                foreach (var ix in a.Indices)
                {
                    if (ix is LabelIx l && ExprWalk.FreeVars(l).Contains(v))
                    {
                        if (!IsSimpleLabel(l)) return false;
                        labels++;
                    }
                    if (ExprWalk.FreeVars(ix).Contains(v)) any = true;
                }
                if (labels > 1) return false;
            }
            if (node is Select s)
            {
                foreach (var ic in ExprWalk.IndexCompares(s))
                {
                    var left = ExprWalk.FreeVars(ic.A).Contains(v);
                    var right = ExprWalk.FreeVars(ic.B).Contains(v);
                    if (left && right) return false;
                    if (left && !PerLane(ic.A, v)) return false;
                    if (right && !PerLane(ic.B, v)) return false;
                }
            }
        }
        return any;
    }

    /// <summary>A label read at plain index variables: <c>y[i]</c>, not <c>y[y[i]]</c>.</summary>
    public static bool IsSimpleLabel(LabelIx l) => l.Indices.All(ix => ix is VarIx);

    private static bool PerLane(Ix ix, string v) => ix switch
    {
        VarIx x => x.Var == v,
        LabelIx l => IsSimpleLabel(l),
        _ => false,
    };
}
