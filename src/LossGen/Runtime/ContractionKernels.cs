using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace LossGen.CompilerServices;

/// <summary>
/// The register-blocked loops behind <see cref="Contraction"/>. Each inner loop keeps a tile of
/// independent accumulators (an FMA's latency is four cycles, so one accumulator would run at a
/// quarter of the rate) and loads each vector once for several FMAs. The left operand arrives with
/// its reduced index contiguous; the right one packed (<see cref="ContractionPacking"/>).
/// </summary>
internal static unsafe class ContractionKernels
{
    /// <summary>Rows of the left operand per pass of the right-gradient kernel: a block that stays in L2 while every column block reads it.</summary>
    private const int GradientRowBlock = 64;

    /// <summary>
    /// <c>product[p·Q + q] = Σ_k a[p·lda + k]·R(k, q)</c> with R packed by <see cref="ContractionPacking.PackColumnBlocks"/>.
    /// Four rows × five columns per pass, vectorized along k: per vector of k, nine loads feed
    /// twenty FMAs (five columns: ten classes, and a hundred, are whole blocks), and each sum is reduced across lanes once, at the end of its row.
    /// </summary>
    /// <remarks>
    /// With row indices (<paramref name="map"/> not empty), row p of the operand is row <c>map[p]</c> of
    /// <paramref name="a"/>, a training set: each pass first copies its rows into <paramref name="gathered"/>
    /// (row-major [P, K]) and reads them there, so a batch comes from memory once, sequentially, its
    /// pass finds it in L2, and <paramref name="gathered"/> holds the batch afterwards for the gradient.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Forward<V, T>(ReadOnlySpan<T> a, int lda, ReadOnlySpan<int> map, Span<T> gathered,
        ReadOnlySpan<T> packed, Span<T> product, int rows, int columns, int reduced)
        where V : struct, ILanes<V, T>
        where T : unmanaged, INumberBase<T>
    {
        ReadOnlySpan<T> source = map.IsEmpty ? a : gathered;
        int ldx = map.IsEmpty ? lda : reduced;
        int lanes = V.Count;
        int full = reduced - reduced % lanes;
        int rem = reduced - full;
        int blockLength = ContractionPacking.PaddedReduced<V, T>(reduced) * ContractionPacking.BlockColumns;
        int blocks = ContractionPacking.ColumnBlocks(columns);
        int p = 0;
        ref T origin = ref MemoryMarshal.GetReference(a);
        for (; p <= rows - 4; p += 4)
        {
            if (!map.IsEmpty) GatherRows(a, lda, map, gathered, p, 4, reduced);
            int x0 = p * ldx, x1 = x0 + ldx, x2 = x1 + ldx, x3 = x2 + ldx;
            // While the first column block runs, the next pass's rows of the training set are fetched
            // into L2, a line per row per vector of k, so memory streams under the FMAs instead of
            // between passes; otherwise the prefetches name this pass's rows, which are in cache.
            bool ahead = !map.IsEmpty && p + 8 <= rows;
            int n0 = ahead ? map[p + 4] * lda : RowOf(map, p, lda), n1 = ahead ? map[p + 5] * lda : RowOf(map, p + 1, lda);
            int n2 = ahead ? map[p + 6] * lda : RowOf(map, p + 2, lda), n3 = ahead ? map[p + 7] * lda : RowOf(map, p + 3, lda);
            for (int block = 0; block < blocks; block++)
            {
                if (block == 1)
                {
                    n0 = RowOf(map, p, lda); n1 = RowOf(map, p + 1, lda); n2 = RowOf(map, p + 2, lda); n3 = RowOf(map, p + 3, lda);
                }
                int w = block * blockLength;
                V s00 = V.Zero, s01 = V.Zero, s02 = V.Zero, s03 = V.Zero, s04 = V.Zero;
                V s10 = V.Zero, s11 = V.Zero, s12 = V.Zero, s13 = V.Zero, s14 = V.Zero;
                V s20 = V.Zero, s21 = V.Zero, s22 = V.Zero, s23 = V.Zero, s24 = V.Zero;
                V s30 = V.Zero, s31 = V.Zero, s32 = V.Zero, s33 = V.Zero, s34 = V.Zero;
                int k = 0;
                for (; k < full; k += lanes, w += 5 * lanes)
                {
                    Prefetch(ref origin, n0 + k); Prefetch(ref origin, n1 + k); Prefetch(ref origin, n2 + k); Prefetch(ref origin, n3 + k);
                    V w0 = V.Load(packed, w), w1 = V.Load(packed, w + lanes), w2 = V.Load(packed, w + 2 * lanes), w3 = V.Load(packed, w + 3 * lanes), w4 = V.Load(packed, w + 4 * lanes);
                    V x = V.Load(source, x0 + k);
                    s00 = V.MultiplyAdd(x, w0, s00); s01 = V.MultiplyAdd(x, w1, s01); s02 = V.MultiplyAdd(x, w2, s02); s03 = V.MultiplyAdd(x, w3, s03); s04 = V.MultiplyAdd(x, w4, s04);
                    x = V.Load(source, x1 + k);
                    s10 = V.MultiplyAdd(x, w0, s10); s11 = V.MultiplyAdd(x, w1, s11); s12 = V.MultiplyAdd(x, w2, s12); s13 = V.MultiplyAdd(x, w3, s13); s14 = V.MultiplyAdd(x, w4, s14);
                    x = V.Load(source, x2 + k);
                    s20 = V.MultiplyAdd(x, w0, s20); s21 = V.MultiplyAdd(x, w1, s21); s22 = V.MultiplyAdd(x, w2, s22); s23 = V.MultiplyAdd(x, w3, s23); s24 = V.MultiplyAdd(x, w4, s24);
                    x = V.Load(source, x3 + k);
                    s30 = V.MultiplyAdd(x, w0, s30); s31 = V.MultiplyAdd(x, w1, s31); s32 = V.MultiplyAdd(x, w2, s32); s33 = V.MultiplyAdd(x, w3, s33); s34 = V.MultiplyAdd(x, w4, s34);
                }
                if (rem > 0)
                {
                    // The packed columns are zero past k = K; the rows are not (the next row follows), so they load masked.
                    V w0 = V.Load(packed, w), w1 = V.Load(packed, w + lanes), w2 = V.Load(packed, w + 2 * lanes), w3 = V.Load(packed, w + 3 * lanes), w4 = V.Load(packed, w + 4 * lanes);
                    V x = V.LoadPartial(source, x0 + k, rem);
                    s00 = V.MultiplyAdd(x, w0, s00); s01 = V.MultiplyAdd(x, w1, s01); s02 = V.MultiplyAdd(x, w2, s02); s03 = V.MultiplyAdd(x, w3, s03); s04 = V.MultiplyAdd(x, w4, s04);
                    x = V.LoadPartial(source, x1 + k, rem);
                    s10 = V.MultiplyAdd(x, w0, s10); s11 = V.MultiplyAdd(x, w1, s11); s12 = V.MultiplyAdd(x, w2, s12); s13 = V.MultiplyAdd(x, w3, s13); s14 = V.MultiplyAdd(x, w4, s14);
                    x = V.LoadPartial(source, x2 + k, rem);
                    s20 = V.MultiplyAdd(x, w0, s20); s21 = V.MultiplyAdd(x, w1, s21); s22 = V.MultiplyAdd(x, w2, s22); s23 = V.MultiplyAdd(x, w3, s23); s24 = V.MultiplyAdd(x, w4, s24);
                    x = V.LoadPartial(source, x3 + k, rem);
                    s30 = V.MultiplyAdd(x, w0, s30); s31 = V.MultiplyAdd(x, w1, s31); s32 = V.MultiplyAdd(x, w2, s32); s33 = V.MultiplyAdd(x, w3, s33); s34 = V.MultiplyAdd(x, w4, s34);
                }
                int q = block * ContractionPacking.BlockColumns;
                int valid = Math.Min(ContractionPacking.BlockColumns, columns - q);
                StoreRow<V, T>(product, p * columns + q, valid, s00, s01, s02, s03, s04);
                StoreRow<V, T>(product, (p + 1) * columns + q, valid, s10, s11, s12, s13, s14);
                StoreRow<V, T>(product, (p + 2) * columns + q, valid, s20, s21, s22, s23, s24);
                StoreRow<V, T>(product, (p + 3) * columns + q, valid, s30, s31, s32, s33, s34);
            }
        }
        for (; p < rows; p++)
        {
            if (!map.IsEmpty) GatherRows(a, lda, map, gathered, p, 1, reduced);
            int x0 = p * ldx;
            for (int block = 0; block < blocks; block++)
            {
                int w = block * blockLength;
                V s0 = V.Zero, s1 = V.Zero, s2 = V.Zero, s3 = V.Zero, s4 = V.Zero;
                int k = 0;
                for (; k < full; k += lanes, w += 5 * lanes)
                {
                    V x = V.Load(source, x0 + k);
                    s0 = V.MultiplyAdd(x, V.Load(packed, w), s0);
                    s1 = V.MultiplyAdd(x, V.Load(packed, w + lanes), s1);
                    s2 = V.MultiplyAdd(x, V.Load(packed, w + 2 * lanes), s2);
                    s3 = V.MultiplyAdd(x, V.Load(packed, w + 3 * lanes), s3);
                    s4 = V.MultiplyAdd(x, V.Load(packed, w + 4 * lanes), s4);
                }
                if (rem > 0)
                {
                    V x = V.LoadPartial(source, x0 + k, rem);
                    s0 = V.MultiplyAdd(x, V.Load(packed, w), s0);
                    s1 = V.MultiplyAdd(x, V.Load(packed, w + lanes), s1);
                    s2 = V.MultiplyAdd(x, V.Load(packed, w + 2 * lanes), s2);
                    s3 = V.MultiplyAdd(x, V.Load(packed, w + 3 * lanes), s3);
                    s4 = V.MultiplyAdd(x, V.Load(packed, w + 4 * lanes), s4);
                }
                int q = block * ContractionPacking.BlockColumns;
                StoreRow<V, T>(product, p * columns + q, Math.Min(ContractionPacking.BlockColumns, columns - q), s0, s1, s2, s3, s4);
            }
        }
    }

    /// <summary>Where row p of the left operand starts in <c>a</c>: at <c>map[p]·lda</c> with row indices, else at <c>p·lda</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RowOf(ReadOnlySpan<int> map, int p, int lda) => (map.IsEmpty ? p : map[p]) * lda;

    /// <summary>
    /// Asks for the cache line holding element <paramref name="at"/> after <paramref name="origin"/> to be
    /// brought into L2. A hint: it never faults, and should the collector move the array meanwhile
    /// (it is not pinned), a stale address costs only the hint.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Prefetch<T>(ref T origin, int at)
    {
        if (Sse.IsSupported) Sse.Prefetch1(Unsafe.AsPointer(ref Unsafe.Add(ref origin, at)));
    }

    /// <summary>Copies rows <c>map[p]</c> … <c>map[p + count − 1]</c> of <paramref name="a"/> to rows p … of <paramref name="gathered"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void GatherRows<T>(ReadOnlySpan<T> a, int lda, ReadOnlySpan<int> map, Span<T> gathered, int p, int count, int reduced)
    {
        for (int r = p; r < p + count; r++) a.Slice(map[r] * lda, reduced).CopyTo(gathered.Slice(r * reduced, reduced));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<V, T>(Span<T> product, int at, int valid, V s0, V s1, V s2, V s3, V s4)
        where V : struct, ILanes<V, T>
        where T : unmanaged
    {
        product[at] = V.Sum(s0);
        if (valid > 1) product[at + 1] = V.Sum(s1);
        if (valid > 2) product[at + 2] = V.Sum(s2);
        if (valid > 3) product[at + 3] = V.Sum(s3);
        if (valid > 4) product[at + 4] = V.Sum(s4);
    }

    /// <summary>
    /// <c>sums[q·padded + k] += Σ_p a[p·lda + k]·dS[p, q]</c>, dS packed by
    /// <see cref="ContractionPacking.PackGradientColumns"/>. The output is transposed (k contiguous)
    /// so the vectors run along a row of the left operand: per row, three loads of it and five
    /// broadcasts of dS feed fifteen FMAs. Rows go in blocks that stay in L2 while every column
    /// block and vector group reads them; each block's tile is added into <paramref name="sums"/>.
    /// </summary>
    /// <remarks>
    /// Only the vectors of k in [<paramref name="firstVector"/>, <paramref name="endVector"/>) are
    /// summed, so threads can split k between them; each element's sum runs over the rows in the same
    /// order whatever the split.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void RightGradient<V, T>(ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> packedGradient, Span<T> sums, int rows, int columns, int reduced, int padded,
        int firstVector, int endVector)
        where V : struct, ILanes<V, T>
        where T : unmanaged, INumberBase<T>
    {
        int lanes = V.Count;
        int vectors = endVector;
        int blocks = ContractionPacking.ColumnBlocks(columns);
        for (int first = 0; first < rows; first += GradientRowBlock)
        {
            int end = Math.Min(rows, first + GradientRowBlock);
            for (int block = 0; block < blocks; block++)
            {
                int g0 = block * rows * ContractionPacking.BlockColumns;
                int out0 = block * ContractionPacking.BlockColumns * padded;
                int v = firstVector;
                // Three vectors at a time while none of them is the last, partial one.
                for (; v + 3 <= vectors && (v + 3) * lanes <= reduced; v += 3)
                {
                    int k = v * lanes;
                    V t00 = V.Zero, t01 = V.Zero, t02 = V.Zero;
                    V t10 = V.Zero, t11 = V.Zero, t12 = V.Zero;
                    V t20 = V.Zero, t21 = V.Zero, t22 = V.Zero;
                    V t30 = V.Zero, t31 = V.Zero, t32 = V.Zero;
                    V t40 = V.Zero, t41 = V.Zero, t42 = V.Zero;
                    for (int p = first; p < end; p++)
                    {
                        int x = p * lda + k;
                        V a0 = V.Load(a, x), a1 = V.Load(a, x + lanes), a2 = V.Load(a, x + 2 * lanes);
                        int g = g0 + p * ContractionPacking.BlockColumns;
                        V d = V.Splat(packedGradient[g]);
                        t00 = V.MultiplyAdd(d, a0, t00); t01 = V.MultiplyAdd(d, a1, t01); t02 = V.MultiplyAdd(d, a2, t02);
                        d = V.Splat(packedGradient[g + 1]);
                        t10 = V.MultiplyAdd(d, a0, t10); t11 = V.MultiplyAdd(d, a1, t11); t12 = V.MultiplyAdd(d, a2, t12);
                        d = V.Splat(packedGradient[g + 2]);
                        t20 = V.MultiplyAdd(d, a0, t20); t21 = V.MultiplyAdd(d, a1, t21); t22 = V.MultiplyAdd(d, a2, t22);
                        d = V.Splat(packedGradient[g + 3]);
                        t30 = V.MultiplyAdd(d, a0, t30); t31 = V.MultiplyAdd(d, a1, t31); t32 = V.MultiplyAdd(d, a2, t32);
                        d = V.Splat(packedGradient[g + 4]);
                        t40 = V.MultiplyAdd(d, a0, t40); t41 = V.MultiplyAdd(d, a1, t41); t42 = V.MultiplyAdd(d, a2, t42);
                    }
                    int o = out0 + k;
                    V.AddTo(sums, o, t00); V.AddTo(sums, o + lanes, t01); V.AddTo(sums, o + 2 * lanes, t02);
                    o += padded;
                    V.AddTo(sums, o, t10); V.AddTo(sums, o + lanes, t11); V.AddTo(sums, o + 2 * lanes, t12);
                    o += padded;
                    V.AddTo(sums, o, t20); V.AddTo(sums, o + lanes, t21); V.AddTo(sums, o + 2 * lanes, t22);
                    o += padded;
                    V.AddTo(sums, o, t30); V.AddTo(sums, o + lanes, t31); V.AddTo(sums, o + 2 * lanes, t32);
                    o += padded;
                    V.AddTo(sums, o, t40); V.AddTo(sums, o + lanes, t41); V.AddTo(sums, o + 2 * lanes, t42);
                }
                for (; v < vectors; v++)
                {
                    int k = v * lanes;
                    int count = Math.Min(lanes, reduced - k);
                    V t0 = V.Zero, t1 = V.Zero, t2 = V.Zero, t3 = V.Zero, t4 = V.Zero;
                    for (int p = first; p < end; p++)
                    {
                        V a0 = count == lanes ? V.Load(a, p * lda + k) : V.LoadPartial(a, p * lda + k, count);
                        int g = g0 + p * ContractionPacking.BlockColumns;
                        t0 = V.MultiplyAdd(V.Splat(packedGradient[g]), a0, t0);
                        t1 = V.MultiplyAdd(V.Splat(packedGradient[g + 1]), a0, t1);
                        t2 = V.MultiplyAdd(V.Splat(packedGradient[g + 2]), a0, t2);
                        t3 = V.MultiplyAdd(V.Splat(packedGradient[g + 3]), a0, t3);
                        t4 = V.MultiplyAdd(V.Splat(packedGradient[g + 4]), a0, t4);
                    }
                    int o = out0 + k;
                    V.AddTo(sums, o, t0); V.AddTo(sums, o + padded, t1); V.AddTo(sums, o + 2 * padded, t2); V.AddTo(sums, o + 3 * padded, t3); V.AddTo(sums, o + 4 * padded, t4);
                }
            }
        }
    }

    /// <summary>
    /// <c>dLeft[p·ldd + k] += Σ_q dS[p·Q + q]·transposed[q·padded + k]</c>: four rows × two vectors of
    /// k per pass, the short sum over q (the classes) innermost, each tile added once.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void LeftGradient<V, T>(ReadOnlySpan<T> dProduct, ReadOnlySpan<T> transposed, int padded, Span<T> dLeft, int ldd, int rows, int columns, int reduced)
        where V : struct, ILanes<V, T>
        where T : unmanaged, INumberBase<T>
    {
        int lanes = V.Count;
        int p = 0;
        for (; p <= rows - 4; p += 4)
        {
            int d0 = p * columns;
            for (int k = 0; k < reduced; k += 2 * lanes)
            {
                bool two = k + lanes < reduced;
                V t00 = V.Zero, t01 = V.Zero, t10 = V.Zero, t11 = V.Zero;
                V t20 = V.Zero, t21 = V.Zero, t30 = V.Zero, t31 = V.Zero;
                for (int q = 0; q < columns; q++)
                {
                    int r = q * padded + k;
                    V w0 = V.Load(transposed, r);
                    V w1 = two ? V.Load(transposed, r + lanes) : V.Zero;
                    V d = V.Splat(dProduct[d0 + q]);
                    t00 = V.MultiplyAdd(d, w0, t00); t01 = V.MultiplyAdd(d, w1, t01);
                    d = V.Splat(dProduct[d0 + columns + q]);
                    t10 = V.MultiplyAdd(d, w0, t10); t11 = V.MultiplyAdd(d, w1, t11);
                    d = V.Splat(dProduct[d0 + 2 * columns + q]);
                    t20 = V.MultiplyAdd(d, w0, t20); t21 = V.MultiplyAdd(d, w1, t21);
                    d = V.Splat(dProduct[d0 + 3 * columns + q]);
                    t30 = V.MultiplyAdd(d, w0, t30); t31 = V.MultiplyAdd(d, w1, t31);
                }
                AddPair<V, T>(dLeft, p * ldd + k, reduced - k, t00, t01);
                AddPair<V, T>(dLeft, (p + 1) * ldd + k, reduced - k, t10, t11);
                AddPair<V, T>(dLeft, (p + 2) * ldd + k, reduced - k, t20, t21);
                AddPair<V, T>(dLeft, (p + 3) * ldd + k, reduced - k, t30, t31);
            }
        }
        for (; p < rows; p++)
        {
            for (int k = 0; k < reduced; k += lanes)
            {
                V t = V.Zero;
                for (int q = 0; q < columns; q++)
                    t = V.MultiplyAdd(V.Splat(dProduct[p * columns + q]), V.Load(transposed, q * padded + k), t);
                int count = Math.Min(lanes, reduced - k);
                if (count == lanes) V.AddTo(dLeft, p * ldd + k, t);
                else V.AddToPartial(dLeft, p * ldd + k, count, t);
            }
        }
    }

    /// <summary>Adds two consecutive vectors at <paramref name="at"/>, of which only the first <paramref name="left"/> elements exist.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddPair<V, T>(Span<T> destination, int at, int left, V t0, V t1)
        where V : struct, ILanes<V, T>
        where T : unmanaged
    {
        int lanes = V.Count;
        if (left >= 2 * lanes)
        {
            V.AddTo(destination, at, t0);
            V.AddTo(destination, at + lanes, t1);
        }
        else if (left > lanes)
        {
            V.AddTo(destination, at, t0);
            V.AddToPartial(destination, at + lanes, left - lanes, t1);
        }
        else if (left == lanes)
        {
            V.AddTo(destination, at, t0);
        }
        else
        {
            V.AddToPartial(destination, at, left, t0);
        }
    }
}
