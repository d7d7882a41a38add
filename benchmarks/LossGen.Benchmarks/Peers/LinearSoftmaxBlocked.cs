using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LossGen.Benchmarks.Peers;

/// <summary>
/// A hand-blocked, single-pass linear softmax value and gradient in Vector512 C#: W packed per call
/// into blocks of four classes whose vectors run along k; four rows at a time, the scores of all
/// classes with sixteen independent accumulators per block of four classes (vectorized along k,
/// which is contiguous in X), the softmax of those rows, and then dWᵀ[j, k] += g_rj·x_r[k] for the
/// four rows while they are still in cache, so X is read once per call.
/// </summary>
internal static class LinearSoftmaxBlocked
{
    private const int L = 16;

    /// <summary>Scratch length for <see cref="ValueAndGradient"/> and <see cref="FusedSgdStep"/>: the packed W, the transposed dW, four score rows and (fused) db.</summary>
    public static int ScratchLength(int d, int c) => 2 * Blocks(c) * 4 * Padded(d) + 8 * c;

    private static int Blocks(int c) => (c + 3) / 4;

    private static int Padded(int d) => (d + L - 1) / L * L;

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static float ValueAndGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, ReadOnlySpan<int> y,
        int n, int d, int c, float lambda, Span<float> dw, Span<float> db, Span<float> scratch)
    {
        PeerChecks.LinearModel(x, w, b, y, n, d, c, dw, db);
        double total = Accumulate(x, w, b, y, n, d, c, db, scratch);
        int pd = Padded(d);
        var dwt = scratch.Slice(Blocks(c) * 4 * pd, Blocks(c) * 4 * pd);
        double penalty = 0;
        for (int k = 0; k < d; k++)
            for (int j = 0; j < c; j++)
            {
                float v = w[k * c + j];
                penalty += v * v;
                dw[k * c + j] = dwt[j * pd + k] + 2f * lambda * v;
            }
        return (float)(total / n + lambda * penalty);
    }

    /// <summary>
    /// The fused-step prototype (issue 10 part 3): the same pass as <see cref="ValueAndGradient"/>, but
    /// where that one writes dW = dWᵀ + 2λW, this one applies SGD to each weight there, w −= lr·(dWᵀ[j, k] + 2λw)
    /// (what <c>Sgd.Step</c> with weight decay 0 computes), and b −= lr·db: dW and db are never written
    /// to memory and read back. Returns the loss at the weights before the update. db lives in scratch.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static float FusedSgdStep(ReadOnlySpan<float> x, Span<float> w, Span<float> b, ReadOnlySpan<int> y,
        int n, int d, int c, float lambda, float lr, Span<float> scratch)
    {
        int pd = Padded(d), cp = Blocks(c) * 4;
        var db = scratch.Slice(2 * cp * pd + 4 * c, c);
        // The shared shape check; W stands in for the dW this step never writes (lengths only).
        PeerChecks.LinearModel(x, w, b, y, n, d, c, w, db);
        double total = Accumulate(x, w, b, y, n, d, c, db, scratch);
        var dwt = scratch.Slice(cp * pd, cp * pd);
        double penalty = 0;
        for (int k = 0; k < d; k++)
            for (int j = 0; j < c; j++)
            {
                float v = w[k * c + j];
                penalty += v * v;
                w[k * c + j] = v - lr * (dwt[j * pd + k] + 2f * lambda * v);
            }
        for (int j = 0; j < c; j++) b[j] -= lr * db[j];
        return (float)(total / n + lambda * penalty);
    }

    /// <summary>
    /// The single pass over X: packs W, then for every four rows their scores, softmax and db, and
    /// dWᵀ += gᵀx into the scratch after the packed W (length Blocks·4 × Padded(d)). Returns Σ of the row losses.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Accumulate(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, ReadOnlySpan<int> y,
        int n, int d, int c, Span<float> db, Span<float> scratch)
    {
        if (d < L) throw new ArgumentException($"d ({d}) must be at least {L}: the last vector of a row is loaded ending at the row's end.", nameof(d));
        int pd = Padded(d), blocks = Blocks(c), cp = blocks * 4, kv = pd / L;
        var packed = scratch[..(cp * pd)];
        var dwt = scratch.Slice(cp * pd, cp * pd);
        var g = scratch.Slice(2 * cp * pd, 4 * c);
        packed.Clear();
        for (int k = 0; k < d; k++)
            for (int j = 0; j < c; j++)
                packed[((j / 4) * kv + k / L) * 4 * L + (j % 4) * L + k % L] = w[k * c + j];
        dwt.Clear();
        db.Clear();
        ref float px = ref MemoryMarshal.GetReference(x);
        ref float pw = ref MemoryMarshal.GetReference(packed);
        ref float pg = ref MemoryMarshal.GetReference(dwt);
        int full = d / L * L, rem = d - full;
        var tailMask = Vector512.LessThan(Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector512.Create(rem)).AsSingle();
        double total = 0;
        int i = 0;
        for (; i < n; i += 4)
        {
            int rows = Math.Min(4, n - i);
            // Rows past N (the last block) repeat row i; their gradients are zeroed below.
            nuint r0 = (nuint)(i * d), r1 = (nuint)((i + Math.Min(1, rows - 1)) * d), r2 = (nuint)((i + Math.Min(2, rows - 1)) * d), r3 = (nuint)((i + Math.Min(3, rows - 1)) * d);
            for (int blk = 0; blk < blocks; blk++)
            {
                nuint wo = (nuint)(blk * kv * 4 * L);
                Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default, s10 = default, s11 = default, s12 = default, s13 = default;
                Vector512<float> s20 = default, s21 = default, s22 = default, s23 = default, s30 = default, s31 = default, s32 = default, s33 = default;
                for (int k = 0; k < pd; k += L, wo += 4 * L)
                {
                    var w0 = Vector512.LoadUnsafe(ref pw, wo); var w1 = Vector512.LoadUnsafe(ref pw, wo + L);
                    var w2 = Vector512.LoadUnsafe(ref pw, wo + 2 * L); var w3 = Vector512.LoadUnsafe(ref pw, wo + 3 * L);
                    bool tail = k == full;
                    var x0 = tail ? Vector512.LoadUnsafe(ref px, r0 + (nuint)k - (nuint)(L - rem)) : Vector512.LoadUnsafe(ref px, r0 + (nuint)k);
                    var x1 = tail ? Vector512.LoadUnsafe(ref px, r1 + (nuint)k - (nuint)(L - rem)) : Vector512.LoadUnsafe(ref px, r1 + (nuint)k);
                    var x2 = tail ? Vector512.LoadUnsafe(ref px, r2 + (nuint)k - (nuint)(L - rem)) : Vector512.LoadUnsafe(ref px, r2 + (nuint)k);
                    var x3 = tail ? Vector512.LoadUnsafe(ref px, r3 + (nuint)k - (nuint)(L - rem)) : Vector512.LoadUnsafe(ref px, r3 + (nuint)k);
                    if (tail)
                    {
                        // The last d mod 16 elements, loaded as the end of the row and shifted into lanes [0, rem).
                        x0 = Shift(x0, rem, tailMask); x1 = Shift(x1, rem, tailMask); x2 = Shift(x2, rem, tailMask); x3 = Shift(x3, rem, tailMask);
                    }
                    s00 = Vector512.FusedMultiplyAdd(x0, w0, s00); s01 = Vector512.FusedMultiplyAdd(x0, w1, s01); s02 = Vector512.FusedMultiplyAdd(x0, w2, s02); s03 = Vector512.FusedMultiplyAdd(x0, w3, s03);
                    s10 = Vector512.FusedMultiplyAdd(x1, w0, s10); s11 = Vector512.FusedMultiplyAdd(x1, w1, s11); s12 = Vector512.FusedMultiplyAdd(x1, w2, s12); s13 = Vector512.FusedMultiplyAdd(x1, w3, s13);
                    s20 = Vector512.FusedMultiplyAdd(x2, w0, s20); s21 = Vector512.FusedMultiplyAdd(x2, w1, s21); s22 = Vector512.FusedMultiplyAdd(x2, w2, s22); s23 = Vector512.FusedMultiplyAdd(x2, w3, s23);
                    s30 = Vector512.FusedMultiplyAdd(x3, w0, s30); s31 = Vector512.FusedMultiplyAdd(x3, w1, s31); s32 = Vector512.FusedMultiplyAdd(x3, w2, s32); s33 = Vector512.FusedMultiplyAdd(x3, w3, s33);
                }
                int j0 = blk * 4;
                Put(g, 0 * c, j0, c, s00, s01, s02, s03); Put(g, 1 * c, j0, c, s10, s11, s12, s13);
                Put(g, 2 * c, j0, c, s20, s21, s22, s23); Put(g, 3 * c, j0, c, s30, s31, s32, s33);
            }
            for (int r = 0; r < 4; r++)
            {
                var s = g.Slice(r * c, c);
                if (r >= rows) { s.Clear(); continue; }
                float max = float.NegativeInfinity;
                for (int j = 0; j < c; j++) { s[j] += b[j]; max = MathF.Max(max, s[j]); }
                float label = s[y[i + r]], sum = 0;
                for (int j = 0; j < c; j++) { s[j] = MathF.Exp(s[j] - max); sum += s[j]; }
                total += max + MathF.Log(sum) - label;
                float scale = 1f / (sum * n);
                for (int j = 0; j < c; j++) s[j] *= scale;
                s[y[i + r]] -= 1f / n;
                for (int j = 0; j < c; j++) db[j] += s[j];
            }
            // dWᵀ[j, k] += Σ_r g[r, j]·x_r[k] while the four rows are in cache.
            for (int k = 0; k < pd; k += L)
            {
                bool tail = k == full;
                var x0 = tail ? Shift(Vector512.LoadUnsafe(ref px, r0 + (nuint)k - (nuint)(L - rem)), rem, tailMask) : Vector512.LoadUnsafe(ref px, r0 + (nuint)k);
                var x1 = tail ? Shift(Vector512.LoadUnsafe(ref px, r1 + (nuint)k - (nuint)(L - rem)), rem, tailMask) : Vector512.LoadUnsafe(ref px, r1 + (nuint)k);
                var x2 = tail ? Shift(Vector512.LoadUnsafe(ref px, r2 + (nuint)k - (nuint)(L - rem)), rem, tailMask) : Vector512.LoadUnsafe(ref px, r2 + (nuint)k);
                var x3 = tail ? Shift(Vector512.LoadUnsafe(ref px, r3 + (nuint)k - (nuint)(L - rem)), rem, tailMask) : Vector512.LoadUnsafe(ref px, r3 + (nuint)k);
                for (int j = 0; j < c; j++)
                {
                    nuint o = (nuint)(j * pd + k);
                    var acc = Vector512.LoadUnsafe(ref pg, o);
                    acc = Vector512.FusedMultiplyAdd(x0, Vector512.Create(g[j]), acc);
                    acc = Vector512.FusedMultiplyAdd(x1, Vector512.Create(g[c + j]), acc);
                    acc = Vector512.FusedMultiplyAdd(x2, Vector512.Create(g[2 * c + j]), acc);
                    acc = Vector512.FusedMultiplyAdd(x3, Vector512.Create(g[3 * c + j]), acc);
                    acc.StoreUnsafe(ref pg, o);
                }
            }
        }
        return total;
    }

    /// <summary>A vector loaded so that its last <paramref name="rem"/> lanes are a row's last elements, moved to lanes [0, rem), zero above.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Shift(Vector512<float> v, int rem, Vector512<float> mask)
    {
        var index = Vector512.Create(L - rem) + Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        return Vector512.Shuffle(v, index & Vector512.Create(15)) & mask;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(Span<float> g, int row, int j0, int c, Vector512<float> a, Vector512<float> b, Vector512<float> e, Vector512<float> f)
    {
        g[row + j0] = Vector512.Sum(a);
        if (j0 + 1 < c) g[row + j0 + 1] = Vector512.Sum(b);
        if (j0 + 2 < c) g[row + j0 + 2] = Vector512.Sum(e);
        if (j0 + 3 < c) g[row + j0 + 3] = Vector512.Sum(f);
    }
}
