using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LossGen.Benchmarks.Experiments;

/// <summary>
/// Can one thread beat the in-place streaming ceiling of Adam (28 B per parameter)? The generated
/// kernel's math, written by hand over Vector512, with the memory tricks one might try:
/// <list type="bullet">
/// <item><see cref="Plain"/>: what the generator emits (one vector per iteration, ordinary stores).</item>
/// <item><see cref="Unrolled2"/>: two vectors per iteration (more loads in flight per loop branch).</item>
/// <item><see cref="Prefetched"/>: software prefetch of all four streams <see cref="PrefetchDistance"/> bytes ahead.</item>
/// <item><see cref="NonTemporal"/>: non-temporal (streaming) stores of w, m, v, after a peeled head that
///   aligns w to 64 bytes (the harness allocates all four arrays 64-byte aligned, so all three are).</item>
/// </list>
/// Each reads w, g, m, v and writes w, m, v exactly once; all compute identical bits (checked by
/// <see cref="AdamCeilingCheck"/>). Experimental: measured, not used by the library (see docs/optimizers.md).
/// </summary>
internal static unsafe class AdamCeilingKernels
{
    public const int PrefetchDistance = 1024;

    /// <summary>
    /// The per-step constants, broadcast once. Kernels copy them into locals (<c>var (b1, …) = …</c>)
    /// so the JIT keeps them in registers; a struct of seven vectors passed by reference would be
    /// re-read from the stack in every iteration.
    /// </summary>
    private static (Vector512<float> B1, Vector512<float> OneMinusB1, Vector512<float> B2, Vector512<float> OneMinusB2,
        Vector512<float> StepSize, Vector512<float> InvSqrtBias2, Vector512<float> Eps) Constants(int t,
        double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8) =>
        (Vector512.Create((float)beta1), Vector512.Create((float)(1 - beta1)), Vector512.Create((float)beta2),
         Vector512.Create((float)(1 - beta2)), Vector512.Create((float)(lr / (1 - Math.Pow(beta1, t)))),
         Vector512.Create((float)(1 / Math.Sqrt(1 - Math.Pow(beta2, t)))), Vector512.Create((float)eps));

    // The generated kernel's arithmetic, operation for operation (so every variant gives its bits).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(Vector512<float> w, Vector512<float> g, Vector512<float> m, Vector512<float> v,
        Vector512<float> b1, Vector512<float> omb1, Vector512<float> b2, Vector512<float> omb2,
        Vector512<float> stepSize, Vector512<float> invSqrtBias2, Vector512<float> eps,
        out Vector512<float> w1, out Vector512<float> m1, out Vector512<float> v1)
    {
        m1 = b1 * m + omb1 * g;
        v1 = b2 * v + omb2 * g * g;
        w1 = w - stepSize * m1 / (Vector512.Sqrt(v1) * invSqrtBias2 + eps);
    }

    /// <summary>The elements a vector loop leaves, one lane at a time (same formulas, float).</summary>
    private static void Scalar(float* w, float* g, float* m, float* v, nint from, nint to, int t)
    {
        var (b1, omb1, b2, omb2, s, inv, e) = Constants(t);
        for (nint i = from; i < to; i++)
        {
            Update(Vector512.Create(w[i]), Vector512.Create(g[i]), Vector512.Create(m[i]), Vector512.Create(v[i]), b1, omb1, b2, omb2, s, inv, e, out var w1, out var m1, out var v1);
            (w[i], m[i], v[i]) = (w1.ToScalar(), m1.ToScalar(), v1.ToScalar());
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Plain(float* w, float* g, float* m, float* v, nint n, int t)
    {
        var (b1, omb1, b2, omb2, s, inv, e) = Constants(t);
        nint i = 0;
        for (; i <= n - 16; i += 16)
        {
            Update(Vector512.Load(w + i), Vector512.Load(g + i), Vector512.Load(m + i), Vector512.Load(v + i), b1, omb1, b2, omb2, s, inv, e, out var w1, out var m1, out var v1);
            w1.Store(w + i); m1.Store(m + i); v1.Store(v + i);
        }
        Scalar(w, g, m, v, i, n, t);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Unrolled2(float* w, float* g, float* m, float* v, nint n, int t)
    {
        var (b1, omb1, b2, omb2, s, inv, e) = Constants(t);
        nint i = 0;
        for (; i <= n - 32; i += 32)
        {
            Update(Vector512.Load(w + i), Vector512.Load(g + i), Vector512.Load(m + i), Vector512.Load(v + i), b1, omb1, b2, omb2, s, inv, e, out var wa, out var ma, out var va);
            Update(Vector512.Load(w + i + 16), Vector512.Load(g + i + 16), Vector512.Load(m + i + 16), Vector512.Load(v + i + 16), b1, omb1, b2, omb2, s, inv, e, out var wb, out var mb, out var vb);
            wa.Store(w + i); ma.Store(m + i); va.Store(v + i);
            wb.Store(w + i + 16); mb.Store(m + i + 16); vb.Store(v + i + 16);
        }
        Scalar(w, g, m, v, i, n, t);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Prefetched(float* w, float* g, float* m, float* v, nint n, int t)
    {
        var (b1, omb1, b2, omb2, s, inv, e) = Constants(t);
        const int ahead = PrefetchDistance / sizeof(float);
        nint i = 0;
        for (; i <= n - 16; i += 16)
        {
            // One line of each stream per iteration (16 floats = 64 bytes); a prefetch past the end does not fault.
            Sse.Prefetch0(w + i + ahead); Sse.Prefetch0(g + i + ahead); Sse.Prefetch0(m + i + ahead); Sse.Prefetch0(v + i + ahead);
            Update(Vector512.Load(w + i), Vector512.Load(g + i), Vector512.Load(m + i), Vector512.Load(v + i), b1, omb1, b2, omb2, s, inv, e, out var w1, out var m1, out var v1);
            w1.Store(w + i); m1.Store(m + i); v1.Store(v + i);
        }
        Scalar(w, g, m, v, i, n, t);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void NonTemporal(float* w, float* g, float* m, float* v, nint n, int t)
    {
        var (b1, omb1, b2, omb2, s, inv, e) = Constants(t);
        // Peel until w is 64-byte aligned; the harness aligns all four arrays alike.
        nint head = Math.Min(n, (nint)((64 - ((nuint)w & 63)) & 63) / sizeof(float));
        Scalar(w, g, m, v, 0, head, t);
        nint i = head;
        for (; i <= n - 16; i += 16)
        {
            Update(Vector512.LoadAligned(w + i), Vector512.Load(g + i), Vector512.Load(m + i), Vector512.Load(v + i), b1, omb1, b2, omb2, s, inv, e, out var w1, out var m1, out var v1);
            w1.StoreAlignedNonTemporal(w + i); m1.StoreAlignedNonTemporal(m + i); v1.StoreAlignedNonTemporal(v + i);
        }
        Sse.StoreFence();
        Scalar(w, g, m, v, i, n, t);
    }
}
