using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Model;

namespace LossGen.Compiler.Passes;

/// <summary>
/// Folds a label scatter into the row write that covers it. Softmax's gradient has two terms,
/// <c>ds[i, j] += p_ij / N</c> (a loop over j) and <c>ds[i, y[i]] += −1/N</c>; the second is the same as
/// <c>ds[i, j] += Σ_j [j == y[i]]·(−1/N)</c>, which merges into the first. The generated loop then
/// stores each element once, with a lane mask selecting the label's lane, instead of storing the
/// row and reading one element back to add to it.
/// </summary>
internal static class FoldLabelScatters
{
    public static IReadOnlyList<GradTerm> Run(IReadOnlyList<GradTerm> terms)
    {
        var result = terms.ToList();
        foreach (var scatter in terms)
        {
            var target = result.FirstOrDefault(t => Covers(t, scatter, out _));
            if (target is null || !Covers(target, scatter, out var lane)) continue;
            var label = scatter.Index.First(ix => ix is LabelIx);
            var folded = E.When(new IndexCompare(CompareOp.Eq, new VarIx(lane.Var), label), scatter.Coeff);
            result[result.IndexOf(target)] = target with { Coeff = E.Add(target.Coeff, folded) };
            result.Remove(scatter);
        }
        return result;
    }

    /// <summary>
    /// Whether <paramref name="row"/> writes <paramref name="scatter"/>'s tensor at the same indices except
    /// one label position, where it has the variable of its one extra, innermost loop.
    /// </summary>
    private static bool Covers(GradTerm row, GradTerm scatter, out LoopVar lane)
    {
        lane = null!;
        if (row.Tensor != scatter.Tensor || row.Loops.Count != scatter.Loops.Count + 1) return false;
        if (!scatter.Loops.SequenceEqual(row.Loops.Take(scatter.Loops.Count))) return false;
        lane = row.Loops[row.Loops.Count - 1];
        var labelPositions = 0;
        for (var p = 0; p < row.Index.Count; p++)
        {
            if (row.Index[p].Equals(scatter.Index[p])) continue;
            if (scatter.Index[p] is not LabelIx || !(row.Index[p] is VarIx v && v.Var == lane.Var)) return false;
            labelPositions++;
        }
        return labelPositions == 1 && row.Index.Count == scatter.Index.Count;
    }
}
