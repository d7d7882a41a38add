using System;
using System.Numerics.Tensors;

namespace LossGen.Benchmarks.Peers;

/// <summary>
/// One Adam step as a sequence of whole-array <see cref="TensorPrimitives"/> calls. Each call is a
/// full SIMD pass over P elements, so at large P this peer is bound by the repeated memory traffic
/// (about 8 passes) that a fused kernel does once.
/// </summary>
public static class AdamTensorPrimitives
{
    /// <summary>
    /// Same update as <see cref="AdamNaive.Step"/>. <paramref name="scratch"/> (length P) is owned by
    /// the caller so the step allocates nothing; its contents are overwritten.
    /// </summary>
    public static void Step(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v, int t, Span<float> scratch,
        float lr = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f)
    {
        PeerChecks.AdamSpans(w, g, m, v, t);
        if (scratch.Length != w.Length)
        {
            throw new ArgumentException($"scratch has {scratch.Length} elements; expected {w.Length}.", nameof(scratch));
        }

        float bc1 = 1f - MathF.Pow(beta1, t);
        float bc2 = 1f - MathF.Pow(beta2, t);

        // Lerp(m, g, 1−β1) = β1·m + (1−β1)·g in one pass: the best single call the library offers.
        TensorPrimitives.Lerp<float>(m, g, 1f - beta1, m);
        TensorPrimitives.Multiply(g, g, scratch);
        TensorPrimitives.Lerp<float>(v, scratch, 1f - beta2, v);

        // denominator √(v / bc2) + ε, built in scratch
        TensorPrimitives.Multiply(v, 1f / bc2, scratch);
        TensorPrimitives.Sqrt<float>(scratch, scratch);
        TensorPrimitives.Add(scratch, eps, scratch);

        // w += (−lr / bc1) · m / denominator
        TensorPrimitives.Divide(m, scratch, scratch);
        TensorPrimitives.MultiplyAdd(scratch, -lr / bc1, w, w);
    }
}
