using System;
using System.Runtime.InteropServices;

namespace LossGen.Benchmarks.Experiments;

/// <summary>Adam's four buffers (w, g, m, v) of P floats each in 64-byte aligned native memory, filled like the Adam suite's.</summary>
internal sealed unsafe class AlignedBuffers : IDisposable
{
    public readonly float* W, G, M, V;
    public readonly int P;

    public AlignedBuffers(int p)
    {
        P = p;
        W = Alloc(p);
        G = Alloc(p);
        M = Alloc(p);
        V = Alloc(p);
        Infrastructure.InputData.Normal(p, seed: 5, scale: 0.05).CopyTo(new Span<float>(W, p));
        Infrastructure.InputData.Normal(p, seed: 6, scale: 0.01).CopyTo(new Span<float>(G, p));
        Infrastructure.InputData.Normal(p, seed: 7, scale: 0.001).CopyTo(new Span<float>(M, p));
        for (int i = 0; i < p; i++) V[i] = G[i] * G[i];
    }

    private static float* Alloc(int p) => (float*)NativeMemory.AlignedAlloc((nuint)Math.Max(p, 1) * sizeof(float), 64);

    public Span<float> Span(float* x) => new(x, P);

    public void Dispose()
    {
        NativeMemory.AlignedFree(W); NativeMemory.AlignedFree(G); NativeMemory.AlignedFree(M); NativeMemory.AlignedFree(V);
    }
}
