using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using LossGen.Benchmarks.Infrastructure;

namespace LossGen.Benchmarks.Suites;

/// <summary>
/// STREAM-style memory-bandwidth reference, one thread, with the same working sets as the loss and
/// optimizer benchmarks: Elements = N·C of each loss shape and P of each Adam size. The kernels do
/// almost no arithmetic, so their GB/s is what the memory system delivers for that access pattern
/// and size; a loss or Adam row's GB/s divided by the matching row here is its "% of bandwidth".
/// <list type="bullet">
/// <item>Copy (8 B/element: read 1, write 1) — the pattern of a loss ValueAndGradient (read s, write ds).</item>
/// <item>Triad (12 B/element: read 2, write 1) — the classic STREAM figure.</item>
/// <item>AdamShaped (28 B/element: read 4, write 3 in place) — exactly Adam's streams, trivial math.</item>
/// </list>
/// Stores are ordinary (not non-temporal), as in the kernels under test, so write-allocate traffic
/// is hidden in both and the comparison stays like for like.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerElementConfig))]
[BenchmarkCategory("Bandwidth")]
[BandwidthReference]
public class BandwidthBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];
    private float[] _d = [];

    // The loss shapes (shown as NxC, Elements = N·C) and the Adam sizes (shown as P), so each kernel's
    // matching reference row has the same Size label and the %BW column can pair them.
    [ParamsSource(nameof(Sizes))]
    public MatchedSize Size { get; set; } = new(new VectorLength(1));

    public static IEnumerable<MatchedSize> Sizes =>
        ScoreShape.Standard.Cast<IElementCount>().Concat(VectorLength.Optimizer).Select(size => new MatchedSize(size));

    [GlobalSetup]
    public void Setup()
    {
        int elements = checked((int)Size.Elements);
        _a = InputData.Normal(elements, seed: 11);
        _b = InputData.Normal(elements, seed: 12);
        _c = InputData.Normal(elements, seed: 13);
        _d = new float[elements];
        Array.Fill(_d, 1f);
    }

    // Baseline only so the joined table has a Ratio for these rows (time relative to Copy).
    [Benchmark(Baseline = true), BytesPerElement(8)]
    public void Copy() => CopyKernel(_a, _b);

    [Benchmark, BytesPerElement(12)]
    public void Triad() => TriadKernel(_a, _b, _c, 0.5f);

    [Benchmark, BytesPerElement(28)]
    public void AdamShaped() => AdamShapedKernel(_a, _b, _c, _d);

    // Explicit Vector512 loops rather than Span.CopyTo: memmove may switch to non-temporal stores for
    // large blocks, which would measure a different memory path than the kernels under test use.
    private static void CopyKernel(ReadOnlySpan<float> src, Span<float> dst)
    {
        ref float s = ref MemoryMarshal.GetReference(src);
        ref float d = ref MemoryMarshal.GetReference(dst);
        nuint n = (nuint)src.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + (nuint)Vector512<float>.Count <= n; i += (nuint)Vector512<float>.Count)
            {
                Vector512.LoadUnsafe(ref s, i).StoreUnsafe(ref d, i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) = Unsafe.Add(ref s, i);
        }
    }

    private static void TriadKernel(Span<float> dst, ReadOnlySpan<float> x, ReadOnlySpan<float> y, float k)
    {
        ref float a = ref MemoryMarshal.GetReference(dst);
        ref float b = ref MemoryMarshal.GetReference(x);
        ref float c = ref MemoryMarshal.GetReference(y);
        nuint n = (nuint)dst.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var kv = Vector512.Create(k);
            for (; i + (nuint)Vector512<float>.Count <= n; i += (nuint)Vector512<float>.Count)
            {
                (Vector512.LoadUnsafe(ref b, i) + kv * Vector512.LoadUnsafe(ref c, i)).StoreUnsafe(ref a, i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref a, i) = Unsafe.Add(ref b, i) + k * Unsafe.Add(ref c, i);
        }
    }

    // Four read streams (w, g, m, v), three written back in place (w, m, v). The constants keep m
    // and v bounded over millions of invocations so no value drifts into denormals or infinity.
    internal static void AdamShapedKernel(Span<float> wSpan, ReadOnlySpan<float> gSpan, Span<float> mSpan, Span<float> vSpan)
    {
        ref float w = ref MemoryMarshal.GetReference(wSpan);
        ref float g = ref MemoryMarshal.GetReference(gSpan);
        ref float m = ref MemoryMarshal.GetReference(mSpan);
        ref float v = ref MemoryMarshal.GetReference(vSpan);
        nuint n = (nuint)wSpan.Length, i = 0;
        const float step = 1e-6f, decayM = 0.9f, decayV = 0.999f;
        if (Vector512.IsHardwareAccelerated)
        {
            var stepV = Vector512.Create(step);
            var decayMV = Vector512.Create(decayM);
            var decayVV = Vector512.Create(decayV);
            for (; i + (nuint)Vector512<float>.Count <= n; i += (nuint)Vector512<float>.Count)
            {
                var gi = Vector512.LoadUnsafe(ref g, i);
                (Vector512.LoadUnsafe(ref w, i) + stepV * gi).StoreUnsafe(ref w, i);
                (Vector512.LoadUnsafe(ref m, i) * decayMV + gi).StoreUnsafe(ref m, i);
                (Vector512.LoadUnsafe(ref v, i) * decayVV + gi * gi).StoreUnsafe(ref v, i);
            }
        }

        for (; i < n; i++)
        {
            float gi = Unsafe.Add(ref g, i);
            Unsafe.Add(ref w, i) += step * gi;
            Unsafe.Add(ref m, i) = Unsafe.Add(ref m, i) * decayM + gi;
            Unsafe.Add(ref v, i) = Unsafe.Add(ref v, i) * decayV + gi * gi;
        }
    }
}
