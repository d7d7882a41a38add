using System;
using System.Numerics;

namespace LossGen.CompilerServices;

/// <summary>
/// The layouts the contraction kernels read: copies of small operands (the weights, the score
/// gradient), made once per call, in which every vector a kernel loads is contiguous and every
/// padding element is zero, so no kernel needs a masked tail on them.
/// </summary>
internal static class ContractionPacking
{
    /// <summary>Columns of R that one pass of the forward kernel (and rows of dS one pass of the right gradient) covers.</summary>
    public const int BlockColumns = 5;

    public static int ColumnBlocks(int columns) => (columns + BlockColumns - 1) / BlockColumns;

    /// <summary>The reduced length rounded up to whole vectors.</summary>
    public static int PaddedReduced<V, T>(int reduced)
        where V : struct, ILanes<V, T>
        where T : unmanaged =>
        (reduced + V.Count - 1) / V.Count * V.Count;

    public static int ColumnBlockLength<V, T>(int columns, int reduced)
        where V : struct, ILanes<V, T>
        where T : unmanaged =>
        ColumnBlocks(columns) * BlockColumns * PaddedReduced<V, T>(reduced);

    /// <summary>
    /// R as blocks of five columns, each block vector by vector along k:
    /// <c>packed[((block·Kv + v)·5 + c)·L + l] = R(v·L + l, 5·block + c)</c>, zero past the edges.
    /// The forward kernel then reads one block as a single forward stream, and a [D, C] weight
    /// matrix whose rows are 4 KiB apart costs no cache-set conflicts.
    /// </summary>
    public static void PackColumnBlocks<V, T>(ReadOnlySpan<T> right, int reducedStride, int columnStride, int columns, int reduced, Span<T> packed)
        where V : struct, ILanes<V, T>
        where T : unmanaged
    {
        int lanes = V.Count;
        int vectors = PaddedReduced<V, T>(reduced) / lanes;
        int blocks = ColumnBlocks(columns);
        packed[..(blocks * BlockColumns * vectors * lanes)].Clear();
        for (int block = 0; block < blocks; block++)
        {
            int last = Math.Min(BlockColumns, columns - block * BlockColumns);
            for (int c = 0; c < last; c++)
            {
                int q = block * BlockColumns + c;
                int start = block * vectors * BlockColumns * lanes + c * lanes;
                for (int k = 0; k < reduced; k++)
                {
                    int v = k / lanes;
                    packed[start + v * BlockColumns * lanes + k % lanes] = right[k * reducedStride + q * columnStride];
                }
            }
        }
    }

    /// <summary>
    /// dS by blocks of five columns, row by row: <c>packed[(block·P + p)·5 + c] = dS[p, 5·block + c]</c>,
    /// zero past the last column; the right-gradient kernel broadcasts the five of a row in a row.
    /// </summary>
    public static void PackGradientColumns<T>(ReadOnlySpan<T> dProduct, int rows, int columns, Span<T> packed)
        where T : unmanaged
    {
        int blocks = ColumnBlocks(columns);
        for (int block = 0; block < blocks; block++)
        {
            int first = block * BlockColumns;
            for (int p = 0; p < rows; p++)
            {
                int at = (block * rows + p) * BlockColumns;
                for (int c = 0; c < BlockColumns; c++)
                    packed[at + c] = first + c < columns ? dProduct[p * columns + first + c] : default;
            }
        }
    }

    /// <summary><c>packed[q·padded + k] = R(k, q)</c>, zero for k ≥ K: R's columns as contiguous rows along k.</summary>
    public static void PackTransposed<T>(ReadOnlySpan<T> right, int reducedStride, int columnStride, int columns, int reduced, int padded, Span<T> packed)
        where T : unmanaged
    {
        for (int q = 0; q < columns; q++)
        {
            var row = packed.Slice(q * padded, padded);
            for (int k = 0; k < reduced; k++) row[k] = right[k * reducedStride + q * columnStride];
            row[reduced..].Clear();
        }
    }

    /// <summary><c>destination(k, q) += sums[q·padded + k]</c>, vector by vector when the destination is contiguous along k.</summary>
    public static void AddTransposed<V, T>(ReadOnlySpan<T> sums, int padded, Span<T> destination, int reducedStride, int columnStride, int columns, int reduced)
        where V : struct, ILanes<V, T>
        where T : unmanaged, INumberBase<T>
    {
        if (reducedStride == 1)
        {
            for (int q = 0; q < columns; q++)
            {
                int k = 0;
                for (; k <= reduced - V.Count; k += V.Count)
                    V.AddTo(destination, q * columnStride + k, V.Load(sums, q * padded + k));
                if (k < reduced)
                    V.AddToPartial(destination, q * columnStride + k, reduced - k, V.Load(sums, q * padded + k));
            }
            return;
        }
        for (int k = 0; k < reduced; k++)
        {
            int row = k * reducedStride;
            for (int q = 0; q < columns; q++) destination[row + q * columnStride] += sums[q * padded + k];
        }
    }
}
