using System.Collections.Generic;
using System.Linq;

namespace LossGen.Compiler.Shapes;

/// <summary>
/// Shape rules of the DSL's whole-tensor expressions, numpy's rules restated for symbolic
/// dimensions. Every operation returns a <see cref="ShapeResult"/>: shape mistakes are user
/// errors to report, never exceptions.
/// </summary>
internal static class Broadcasting
{
    /// <summary>
    /// Elementwise broadcast: align the shapes on the right (prepending ones to the shorter);
    /// per dimension, equal sizes stay, a 1 stretches to the other, anything else is an error.
    /// Two different symbols, or a symbol and a known size other than 1, only match when
    /// <paramref name="known"/> says they are equal.
    /// </summary>
    public static ShapeResult Combine(SymbolicShape left, SymbolicShape right, DimEqualities? known = null)
    {
        known ??= DimEqualities.None;
        var rank = System.Math.Max(left.Rank, right.Rank);
        var dims = new Dim[rank];
        for (var i = 0; i < rank; i++)
        {
            var a = PaddedDim(left, rank, i);
            var b = PaddedDim(right, rank, i);
            if (known.AreEqual(a, b))
                dims[i] = MoreConcrete(a, b);
            else if (a.IsOne)
                dims[i] = b;
            else if (b.IsOne)
                dims[i] = a;
            else
                return new ShapeError(
                    ShapeErrorKind.Broadcast,
                    $"cannot broadcast {left} with {right}: dimension {i} is {a} on the left and {b} on the right",
                    left, right, i);
        }

        return SymbolicShape.Of(dims);
    }

    /// <summary>Propagates an operand's earlier error so whole expressions can be folded.</summary>
    public static ShapeResult Combine(ShapeResult left, ShapeResult right, DimEqualities? known = null) =>
        left.Error ?? right.Error ?? (ShapeResult)Combine(left.Shape!, right.Shape!, known);

    /// <summary>
    /// Broadcast of several operands, folded left to right (the result does not depend on the
    /// order when it succeeds; the error names the first pair that clashes). No operands give
    /// the scalar shape, the identity of broadcasting.
    /// </summary>
    public static ShapeResult Combine(IEnumerable<SymbolicShape> shapes, DimEqualities? known = null)
    {
        ShapeResult acc = SymbolicShape.Scalar;
        foreach (var shape in shapes)
        {
            acc = Combine(acc.Shape!, shape, known);
            if (acc.IsError)
                return acc;
        }

        return acc;
    }

    /// <summary>numpy's <c>.T</c>: dimensions reversed (for a matrix, its two axes swapped; a
    /// vector or scalar is unchanged).</summary>
    public static SymbolicShape Transpose(SymbolicShape shape) => SymbolicShape.Of(shape.Dims.Reverse());

    public static ShapeResult Transpose(ShapeResult shape) =>
        shape.Error ?? (ShapeResult)Transpose(shape.Shape!);

    /// <summary>
    /// Shape after reducing along <paramref name="axis"/> (negative counts from the end, as in
    /// numpy): the axis is dropped, or kept as 1 with <paramref name="keepDims"/> so the result
    /// still broadcasts against the input.
    /// </summary>
    public static ShapeResult ReduceAxis(SymbolicShape shape, int axis, bool keepDims)
    {
        var normalized = axis < 0 ? axis + shape.Rank : axis;
        if (normalized < 0 || normalized >= shape.Rank)
            return new ShapeError(
                ShapeErrorKind.AxisOutOfRange,
                $"cannot reduce {shape} along axis {axis}: it has {shape.Rank} dimension{(shape.Rank == 1 ? "" : "s")}",
                shape, null, axis);

        var dims = shape.Dims.ToList();
        if (keepDims)
            dims[normalized] = Dim.Known(1);
        else
            dims.RemoveAt(normalized);
        return SymbolicShape.Of(dims);
    }

    public static ShapeResult ReduceAxis(ShapeResult shape, int axis, bool keepDims) =>
        shape.Error ?? ReduceAxis(shape.Shape!, axis, keepDims);

    /// <summary>Matrix product (N, D)·(D, M) → (N, M); the inner dimensions must be equal (or
    /// known equal). Only matrices: vectors and batches are not in the DSL yet.</summary>
    public static ShapeResult MatMul(SymbolicShape left, SymbolicShape right, DimEqualities? known = null)
    {
        if (left.Rank != 2 || right.Rank != 2)
            return new ShapeError(
                ShapeErrorKind.MatMulRank,
                $"cannot multiply {left} by {right}: a matrix product needs two matrices",
                left, right, left.Rank != 2 ? 0 : 1);

        known ??= DimEqualities.None;
        if (!known.AreEqual(left[1], right[0]))
            return new ShapeError(
                ShapeErrorKind.MatMulInner,
                $"cannot multiply {left} by {right}: the inner dimensions differ, {left[1]} on the left and {right[0]} on the right",
                left, right, 1);

        return SymbolicShape.Of(left[0], right[1]);
    }

    public static ShapeResult MatMul(ShapeResult left, ShapeResult right, DimEqualities? known = null) =>
        left.Error ?? right.Error ?? MatMul(left.Shape!, right.Shape!, known);

    // Dimension i of the shape right-aligned to `rank`, with the missing leading dims as 1.
    private static Dim PaddedDim(SymbolicShape shape, int rank, int i)
    {
        var j = i - (rank - shape.Rank);
        return j < 0 ? Dim.Known(1) : shape[j];
    }

    // Of two dimensions known to be equal, keep the known size, so (N)+(10) with N = 10 is (10).
    private static Dim MoreConcrete(Dim a, Dim b) => a.IsSymbolic && !b.IsSymbolic ? b : a;
}
