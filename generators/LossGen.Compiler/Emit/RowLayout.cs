using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Model;
using LossGen.Compiler.Passes;

namespace LossGen.Compiler.Emit;

/// <summary>
/// How a [Loss] splits into training examples, if it does: the row dimension is the first
/// dimension of its first [Const] tensor or Labels, and every such tensor either starts with it
/// (a row tensor, gathered per batch) or does not use it at all (passed whole, as a class-weight
/// vector would be). The differentiable tensors must not depend on it, or the parameters would
/// change with the batch. A loss that does not split this way gets no <c>Objective</c>.
/// </summary>
internal sealed record RowLayout(string RowDim, IReadOnlyList<TensorShape> RowTensors)
{
    public static RowLayout? Of(ShapedDeclaration decl)
    {
        if (decl.Model.Kind != DeclarationKind.Loss) return null;
        var data = decl.Tensors.Where(t => t.Kind != ParamKind.Tensor).ToList();
        var differentiable = decl.Tensors.Where(t => t.Kind == ParamKind.Tensor).ToList();
        if (differentiable.Count == 0 || data.Count == 0 || data[0].Dims.Count == 0) return null;

        var row = data[0].Dims[0];
        if (Shapes.DimNames.IsFixed(row)) return null;
        if (differentiable.Any(t => t.Dims.Contains(row))) return null;
        if (decl.Labels.Any(l => l.ClassDim == row)) return null;

        var rows = new List<TensorShape>();
        foreach (var t in data)
        {
            var first = t.Dims.Count > 0 && t.Dims[0] == row;
            if (t.Dims.Skip(first ? 1 : 0).Contains(row)) return null;
            if (first) rows.Add(t);
        }
        return new RowLayout(row, rows);
    }

    /// <summary>
    /// The row tensors a batch is read from by index rather than gathered first: each is read only as
    /// the row-major left operand of contractions over the row dimension (<c>X[i, k]</c> in
    /// <c>Σ_k X[i, k]·W[k, j]</c>), whose product takes the batch's row indices and copies each tile's
    /// rows just before it reads them (prefetching the next tile's under the FMAs), so the objective
    /// passes the whole training tensor and the indices instead of copying the batch out first.
    /// </summary>
    public IReadOnlyList<TensorShape> ReadByIndex(ContractionPlan? plan)
    {
        if (plan is null) return new TensorShape[0];
        var readElsewhere = new HashSet<string>(ExprWalk.Nodes(plan.Body).OfType<Access>().Select(a => a.Tensor));
        return RowTensors.Where(t =>
            t.Kind == ParamKind.ConstTensor && t.Dims.Count == 2 && !readElsewhere.Contains(t.Name)
            && plan.Steps.Any(s => s.Left == t.Name)
            && plan.Steps.All(s => s.Right != t.Name && (s.Left != t.Name || (s.LeftReduced == 1 && s.RowDim == RowDim)))).ToList();
    }
}
