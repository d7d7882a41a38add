using System;
using System.ComponentModel;
using System.Numerics;

namespace LossGen.CompilerServices;

/// <summary>
/// The contractions generated code hands over whole: <c>S[p, q] = Σ_k L[p, k]·R[k, q]</c> and the
/// two products its gradient needs. The compiler turns a declaration's <c>Sum(k => X[i, k] * W[k, j])</c>
/// (or <c>MatMul(X, W)</c>) into calls here instead of a loop nest with one accumulator, because a
/// product runs at the FMA roofline only with register blocking: several rows and columns per pass,
/// independent accumulators, and the right operand packed so its vectors run along k.
/// </summary>
/// <remarks>
/// Operands are described by strides, so <c>W</c> declared <c>[D, C]</c> or <c>[C, D]</c> and a
/// column-major <c>X</c> are the same call: element <c>(p, k)</c> of L is at
/// <c>p·leftRowStride + k·leftReducedStride</c>, element <c>(k, q)</c> of R at
/// <c>k·rightReducedStride + q·rightColumnStride</c>. The product is row-major <c>[P, Q]</c>.
/// Scratch (the packed operands) is rented from the thread's <see cref="Scratch{T}"/>, so nothing is
/// allocated after warm-up. Results are deterministic: the order of every sum depends only on the sizes and
/// the lane width. Large calls split their outputs over <see cref="Parallelism.CurrentDegree"/> threads
/// (<see cref="ContractionJobs"/>), which changes no sum's order, so the bits do not depend on the degree.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class Contraction
{
    /// <summary><c>product[p·Q + q] = Σ_k L(p, k)·R(k, q)</c>, overwritten.</summary>
    public static void Product<V, T>(ReadOnlySpan<T> left, int leftRowStride, int leftReducedStride,
        ReadOnlySpan<T> right, int rightReducedStride, int rightColumnStride,
        Span<T> product, int rows, int columns, int reduced)
        where V : struct, ILanes<V, T>
        where T : unmanaged, INumberBase<T>
    {
        CheckOperand(left.Length, rows, reduced, leftRowStride, leftReducedStride, nameof(left));
        CheckOperand(right.Length, reduced, columns, rightReducedStride, rightColumnStride, nameof(right));
        CheckOperand(product.Length, rows, columns, columns, 1, nameof(product));
        if (rows == 0 || columns == 0) return;
        using var canonical = CanonicalLeft<T>(left, leftRowStride, leftReducedStride, rows, reduced);
        ProductOfRows<V, T>(canonical.Span, canonical.RowStride, default, default, right, rightReducedStride, rightColumnStride, product, rows, columns, reduced);
    }

    /// <summary>
    /// <c>product[p·Q + q] = Σ_k L(p, k)·R(k, q)</c>, overwritten, where row p of L is row
    /// <c>leftRows[p]</c> of the row-major <paramref name="left"/> (rows <paramref name="leftRowStride"/>
    /// apart): a batch of a training set. Each four-row pass copies its rows into
    /// <paramref name="gathered"/> just before it reads them, so the batch comes from memory once and
    /// the pass finds it in L2; the batch, row-major [P, K], is returned for the gradient
    /// (<see cref="AddRightGradient{V, T}"/> reads it from cache). No indices means rows 0 … P−1 of
    /// <paramref name="left"/>, which is returned itself and <paramref name="gathered"/> is not touched
    /// (it may be empty). The sums are those of the strided form on the gathered rows, bit for bit.
    /// </summary>
    public static ReadOnlySpan<T> Product<V, T>(ReadOnlySpan<T> left, ReadOnlySpan<int> leftRows, int leftRowStride,
        ReadOnlySpan<T> right, int rightReducedStride, int rightColumnStride,
        Span<T> product, int rows, int columns, int reduced, Span<T> gathered)
        where V : struct, ILanes<V, T>
        where T : unmanaged, INumberBase<T>
    {
        CheckRows(left.Length, leftRows, rows, reduced, leftRowStride);
        CheckOperand(right.Length, reduced, columns, rightReducedStride, rightColumnStride, nameof(right));
        CheckOperand(product.Length, rows, columns, columns, 1, nameof(product));
        if (leftRows.IsEmpty)
        {
            if (rows > 0 && columns > 0)
                ProductOfRows<V, T>(left, leftRowStride, default, default, right, rightReducedStride, rightColumnStride, product, rows, columns, reduced);
            return left;
        }
        CheckOperand(gathered.Length, rows, reduced, reduced, 1, nameof(gathered));
        var batch = gathered[..(rows * reduced)];
        if (columns == 0)
        {
            // No product to compute, but the caller reads the batch.
            ContractionKernels.GatherRows(left, leftRowStride, leftRows, batch, 0, rows, reduced);
            return batch;
        }
        ProductOfRows<V, T>(left, leftRowStride, leftRows, batch, right, rightReducedStride, rightColumnStride, product, rows, columns, reduced);
        return batch;
    }

    /// <summary>The product once L has its reduced index contiguous; with row indices, row p of L is row <c>map[p]</c> of a, copied to <paramref name="gathered"/>.</summary>
    private static void ProductOfRows<V, T>(ReadOnlySpan<T> a, int lda, ReadOnlySpan<int> map, Span<T> gathered,
        ReadOnlySpan<T> right, int rightReducedStride, int rightColumnStride,
        Span<T> product, int rows, int columns, int reduced)
        where V : struct, ILanes<V, T>
        where T : unmanaged, INumberBase<T>
    {
        if (reduced == 0)
        {
            product[..(rows * columns)].Clear();
            return;
        }

        int packedLength = ContractionPacking.ColumnBlockLength<V, T>(columns, reduced);
        var packed = Scratch<T>.Rent(packedLength);
        try
        {
            ContractionPacking.PackColumnBlocks<V, T>(right, rightReducedStride, rightColumnStride, columns, reduced, packed);
            int degree = Parallelism.CurrentDegree;
            int parts = ContractionJobs.Parts((long)rows * columns * reduced, (rows + 3) / 4, degree);
            if (parts == 1)
            {
                ContractionKernels.Forward<V, T>(a, lda, map, gathered, packed, product, rows, columns, reduced);
                return;
            }
            fixed (T* left = a, pack = packed, result = product, batch = gathered)
            fixed (int* rowMap = map)
            {
                var job = new ContractionJobs.Forward<V, T>
                {
                    A = left, ALength = a.Length, Lda = lda, Map = rowMap, Gathered = batch, Packed = pack, PackedLength = packedLength,
                    Product = result, Rows = rows, Columns = columns, Reduced = reduced, RowsPerPart = WorkerPool.PerPart(rows, parts, 4),
                };
                WorkerPool.Run(ref job, parts, degree);
            }
        }
        finally
        {
            Scratch<T>.Return(packed);
        }
    }

    /// <summary>
    /// The gradient of a product with respect to its right operand, added:
    /// <c>dRight(k, q) += Σ_p L(p, k)·dProduct[p·Q + q]</c> (dRight laid out like R).
    /// </summary>
    public static void AddRightGradient<V, T>(ReadOnlySpan<T> left, int leftRowStride, int leftReducedStride,
        ReadOnlySpan<T> dProduct, Span<T> dRight, int rightReducedStride, int rightColumnStride,
        int rows, int columns, int reduced)
        where V : struct, ILanes<V, T>
        where T : unmanaged, INumberBase<T>
    {
        CheckOperand(left.Length, rows, reduced, leftRowStride, leftReducedStride, nameof(left));
        CheckOperand(dProduct.Length, rows, columns, columns, 1, nameof(dProduct));
        CheckOperand(dRight.Length, reduced, columns, rightReducedStride, rightColumnStride, nameof(dRight));
        if (rows == 0 || columns == 0 || reduced == 0) return;

        using var canonical = CanonicalLeft<T>(left, leftRowStride, leftReducedStride, rows, reduced);
        int padded = ContractionPacking.PaddedReduced<V, T>(reduced);
        int blocks = ContractionPacking.ColumnBlocks(columns);
        var sums = Scratch<T>.Rent(blocks * ContractionPacking.BlockColumns * padded);
        var packedGradient = Scratch<T>.Rent(blocks * ContractionPacking.BlockColumns * rows);
        try
        {
            var transposedSums = sums.AsSpan(0, blocks * ContractionPacking.BlockColumns * padded);
            transposedSums.Clear();
            ContractionPacking.PackGradientColumns(dProduct, rows, columns, packedGradient);
            int vectors = padded / V.Count;
            int degree = Parallelism.CurrentDegree;
            int parts = ContractionJobs.Parts((long)rows * columns * reduced, (vectors + 2) / 3, degree);
            if (parts == 1)
            {
                ContractionKernels.RightGradient<V, T>(canonical.Span, canonical.RowStride, packedGradient, transposedSums, rows, columns, reduced, padded, 0, vectors);
            }
            else
            {
                fixed (T* a = canonical.Span, gradient = packedGradient, sum = transposedSums)
                {
                    var job = new ContractionJobs.RightGradient<V, T>
                    {
                        A = a, ALength = canonical.Span.Length, Lda = canonical.RowStride, PackedGradient = gradient, PackedGradientLength = packedGradient.Length,
                        Sums = sum, SumsLength = transposedSums.Length, Rows = rows, Columns = columns, Reduced = reduced, Padded = padded,
                        VectorsPerPart = WorkerPool.PerPart(vectors, parts, 3),
                    };
                    WorkerPool.Run(ref job, parts, degree);
                }
            }
            ContractionPacking.AddTransposed<V, T>(transposedSums, padded, dRight, rightReducedStride, rightColumnStride, columns, reduced);
        }
        finally
        {
            Scratch<T>.Return(sums);
            Scratch<T>.Return(packedGradient);
        }
    }

    /// <summary>
    /// The gradient of a product with respect to its left operand, added:
    /// <c>dLeft(p, k) += Σ_q dProduct[p·Q + q]·R(k, q)</c> (dLeft laid out like L).
    /// </summary>
    public static void AddLeftGradient<V, T>(ReadOnlySpan<T> dProduct, ReadOnlySpan<T> right, int rightReducedStride, int rightColumnStride,
        Span<T> dLeft, int leftRowStride, int leftReducedStride, int rows, int columns, int reduced)
        where V : struct, ILanes<V, T>
        where T : unmanaged, INumberBase<T>
    {
        CheckOperand(dProduct.Length, rows, columns, columns, 1, nameof(dProduct));
        CheckOperand(right.Length, reduced, columns, rightReducedStride, rightColumnStride, nameof(right));
        CheckOperand(dLeft.Length, rows, reduced, leftRowStride, leftReducedStride, nameof(dLeft));
        if (rows == 0 || columns == 0 || reduced == 0) return;

        int padded = ContractionPacking.PaddedReduced<V, T>(reduced);
        var transposed = Scratch<T>.Rent(columns * padded);
        T[]? rowMajor = leftReducedStride == 1 ? null : Scratch<T>.Rent(rows * reduced);
        try
        {
            ContractionPacking.PackTransposed(right, rightReducedStride, rightColumnStride, columns, reduced, padded, transposed);
            if (rowMajor is null)
            {
                LeftGradient<V, T>(dProduct, transposed.AsSpan(0, columns * padded), padded, dLeft, leftRowStride, rows, columns, reduced);
            }
            else
            {
                // A left operand whose reduced index is not contiguous: sum into a row-major copy, then add it back.
                var sums = rowMajor.AsSpan(0, rows * reduced);
                sums.Clear();
                LeftGradient<V, T>(dProduct, transposed.AsSpan(0, columns * padded), padded, sums, reduced, rows, columns, reduced);
                for (int p = 0; p < rows; p++)
                    for (int k = 0; k < reduced; k++)
                        dLeft[p * leftRowStride + k * leftReducedStride] += sums[p * reduced + k];
            }
        }
        finally
        {
            Scratch<T>.Return(transposed);
            if (rowMajor is not null) Scratch<T>.Return(rowMajor);
        }
    }

    /// <summary>The left-gradient kernel, on one thread or split by rows.</summary>
    private static void LeftGradient<V, T>(ReadOnlySpan<T> dProduct, ReadOnlySpan<T> transposed, int padded, Span<T> dLeft, int ldd, int rows, int columns, int reduced)
        where V : struct, ILanes<V, T>
        where T : unmanaged, INumberBase<T>
    {
        int degree = Parallelism.CurrentDegree;
        int parts = ContractionJobs.Parts((long)rows * columns * reduced, (rows + 3) / 4, degree);
        if (parts == 1)
        {
            ContractionKernels.LeftGradient<V, T>(dProduct, transposed, padded, dLeft, ldd, rows, columns, reduced);
            return;
        }
        fixed (T* d = dProduct, w = transposed, result = dLeft)
        {
            var job = new ContractionJobs.LeftGradient<V, T>
            {
                DProduct = d, Transposed = w, TransposedLength = transposed.Length, Padded = padded, DLeft = result, DLeftLength = dLeft.Length,
                Ldd = ldd, Rows = rows, Columns = columns, Reduced = reduced, RowsPerPart = WorkerPool.PerPart(rows, parts, 4),
            };
            WorkerPool.Run(ref job, parts, degree);
        }
    }

    /// <summary>
    /// L with its reduced index contiguous: L itself when it already is (the row-major X of a linear
    /// model), else a pooled row-major copy (a column-major X), made once per call.
    /// </summary>
    private static CanonicalOperand<T> CanonicalLeft<T>(ReadOnlySpan<T> left, int rowStride, int reducedStride, int rows, int reduced)
        where T : unmanaged
    {
        if (reducedStride == 1 || reduced == 1 && rowStride == 1) return new CanonicalOperand<T>(left, rowStride == 0 ? reduced : rowStride, null);
        var copy = Scratch<T>.Rent(rows * reduced);
        for (int p = 0; p < rows; p++)
            for (int k = 0; k < reduced; k++)
                copy[p * reduced + k] = left[p * rowStride + k * reducedStride];
        return new CanonicalOperand<T>(copy.AsSpan(0, rows * reduced), reduced, copy);
    }

    /// <summary>The last element an operand of this shape and these strides reads must lie in its span.</summary>
    private static void CheckOperand(int length, int outer, int inner, int outerStride, int innerStride, string parameter)
    {
        if (outer < 0 || inner < 0 || outerStride < 0 || innerStride < 0)
            throw new ArgumentException($"Negative size or stride ({outer}×{inner}, strides {outerStride}, {innerStride}).", parameter);
        if (outer == 0 || inner == 0) return;
        long last = (long)(outer - 1) * outerStride + (long)(inner - 1) * innerStride;
        if (last >= length)
            throw new ArgumentException($"A [{outer}, {inner}] operand with strides ({outerStride}, {innerStride}) reads element {last}, but the span holds {length}.", parameter);
    }

    /// <summary>There is one row index per row of the product, and each names a whole row inside <paramref name="length"/>; none means rows 0 … P−1.</summary>
    private static void CheckRows(int length, ReadOnlySpan<int> leftRows, int rows, int reduced, int rowStride)
    {
        if (leftRows.IsEmpty)
        {
            CheckOperand(length, rows, reduced, rowStride, 1, "left");
            return;
        }
        if (rows < 0 || reduced < 0 || rowStride < 0)
            throw new ArgumentException($"Negative size or stride ({rows}×{reduced}, rows {rowStride} apart).", nameof(leftRows));
        if (leftRows.Length != rows)
            throw new ArgumentException($"leftRows has {leftRows.Length} indices for a product of {rows} rows.", nameof(leftRows));
        if (reduced == 0) return;
        for (int p = 0; p < leftRows.Length; p++)
        {
            long end = (long)leftRows[p] * rowStride + reduced;
            if (leftRows[p] < 0 || end > length)
                throw new ArgumentException($"leftRows[{p}] = {leftRows[p]} names a row of {reduced} elements ending at element {end}, but the left operand holds {length}.", nameof(leftRows));
        }
    }

    /// <summary>An operand with its reduced index contiguous; returns its pooled copy, if any, when disposed.</summary>
    private readonly ref struct CanonicalOperand<T>
        where T : unmanaged
    {
        private readonly T[]? pooled;

        public CanonicalOperand(ReadOnlySpan<T> span, int rowStride, T[]? pooled)
        {
            Span = span;
            RowStride = rowStride;
            this.pooled = pooled;
        }

        public ReadOnlySpan<T> Span { get; }

        public int RowStride { get; }

        public void Dispose()
        {
            if (pooled is not null) Scratch<T>.Return(pooled);
        }
    }
}
