using System;

namespace LossGen.Benchmarks.Experiments;

/// <summary>Every ceiling variant computes the same bits as <see cref="AdamCeilingKernels.Plain"/> (part of --verify).</summary>
internal static unsafe class AdamCeilingCheck
{
    public delegate void Kernel(float* w, float* g, float* m, float* v, nint n, int t);

    public static readonly (string Name, Kernel Run)[] Variants =
    [
        ("Plain", AdamCeilingKernels.Plain),
        ("Unrolled2", AdamCeilingKernels.Unrolled2),
        ("Prefetched", AdamCeilingKernels.Prefetched),
        ("NonTemporal", AdamCeilingKernels.NonTemporal),
    ];

    /// <summary>Null when every variant agrees with Plain bit for bit; otherwise what differs.</summary>
    public static string? Run()
    {
        foreach (int p in new[] { 1, 37, 100_003 })
        {
            using var reference = new AlignedBuffers(p);
            for (int t = 1; t <= 3; t++) AdamCeilingKernels.Plain(reference.W, reference.G, reference.M, reference.V, p, t);
            foreach (var (name, run) in Variants)
            {
                using var b = new AlignedBuffers(p);
                for (int t = 1; t <= 3; t++) run(b.W, b.G, b.M, b.V, p, t);
                if (!b.Span(b.W).SequenceEqual(reference.Span(reference.W)) || !b.Span(b.M).SequenceEqual(reference.Span(reference.M))
                    || !b.Span(b.V).SequenceEqual(reference.Span(reference.V)))
                    return $"AdamCeiling/{name}/P={p}: differs from Plain";
            }
        }
        return null;
    }
}
