using System;
using System.Numerics;

namespace LossGen.CompilerServices;

/// <summary>
/// The contraction kernels as parallel jobs, each split by its outputs: the product and the left
/// gradient by rows (in whole four-row tiles), the right gradient by vectors of the reduced index (in
/// whole three-vector tiles). A part computes its elements exactly as the whole call would, so the
/// result is the same bits for every split. The operands are pinned by the caller for the job's life;
/// <c>Map</c>, when not null, holds the left operand's row indices and <c>Gathered</c> receives its rows.
/// </summary>
internal static unsafe class ContractionJobs
{
    /// <summary>Multiply-adds below which a call stays on one thread (waking a worker costs microseconds).</summary>
    internal const long MinimumParallelWork = 1L << 20;

    /// <summary>How many parts to cut <paramref name="units"/> tiles of a contraction of <paramref name="multiplyAdds"/> into.</summary>
    public static int Parts(long multiplyAdds, int units, int degree) => WorkerPool.Parts(multiplyAdds, MinimumParallelWork, units, degree);

    internal struct Forward<V, T> : IParallelParts
        where V : struct, ILanes<V, T>
        where T : unmanaged, INumberBase<T>
    {
        public T* A;
        public int ALength, Lda;
        public int* Map;
        public T* Gathered;
        public T* Packed;
        public int PackedLength;
        public T* Product;
        public int Rows, Columns, Reduced, RowsPerPart;

        public void Run(int part)
        {
            int first = part * RowsPerPart;
            int count = Math.Min(RowsPerPart, Rows - first);
            if (count <= 0) return;
            var product = new Span<T>(Product + (long)first * Columns, count * Columns);
            var packed = new ReadOnlySpan<T>(Packed, PackedLength);
            if (Map == null)
            {
                var a = new ReadOnlySpan<T>(A + (long)first * Lda, ALength - first * Lda);
                ContractionKernels.Forward<V, T>(a, Lda, default, default, packed, product, count, Columns, Reduced);
            }
            else
            {
                // A part's rows: its slice of the indices into the whole operand, and of the gathered rows.
                var gathered = new Span<T>(Gathered + (long)first * Reduced, count * Reduced);
                ContractionKernels.Forward<V, T>(new ReadOnlySpan<T>(A, ALength), Lda, new ReadOnlySpan<int>(Map + first, count), gathered, packed, product, count, Columns, Reduced);
            }
        }
    }

    internal struct RightGradient<V, T> : IParallelParts
        where V : struct, ILanes<V, T>
        where T : unmanaged, INumberBase<T>
    {
        public T* A;
        public int ALength, Lda;
        public T* PackedGradient;
        public int PackedGradientLength;
        public T* Sums;
        public int SumsLength, Rows, Columns, Reduced, Padded, VectorsPerPart;

        public void Run(int part)
        {
            int first = part * VectorsPerPart;
            int end = Math.Min(first + VectorsPerPart, Padded / V.Count);
            if (first >= end) return;
            ContractionKernels.RightGradient<V, T>(new ReadOnlySpan<T>(A, ALength), Lda, new ReadOnlySpan<T>(PackedGradient, PackedGradientLength),
                new Span<T>(Sums, SumsLength), Rows, Columns, Reduced, Padded, first, end);
        }
    }

    internal struct LeftGradient<V, T> : IParallelParts
        where V : struct, ILanes<V, T>
        where T : unmanaged, INumberBase<T>
    {
        public T* DProduct;
        public T* Transposed;
        public int TransposedLength, Padded;
        public T* DLeft;
        public int DLeftLength, Ldd, Rows, Columns, Reduced, RowsPerPart;

        public void Run(int part)
        {
            int first = part * RowsPerPart;
            int count = Math.Min(RowsPerPart, Rows - first);
            if (count <= 0) return;
            var dProduct = new ReadOnlySpan<T>(DProduct + (long)first * Columns, count * Columns);
            var dLeft = new Span<T>(DLeft + (long)first * Ldd, DLeftLength - first * Ldd);
            ContractionKernels.LeftGradient<V, T>(dProduct, new ReadOnlySpan<T>(Transposed, TransposedLength), Padded, dLeft, Ldd, count, Columns, Reduced);
        }
    }
}
