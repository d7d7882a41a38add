using System;

namespace LossGen.Benchmarks.Peers;

/// <summary>
/// One Adam step in PyTorch's formulation (bias-corrected moments, ε added after the square root),
/// as a single scalar loop. A developer hoists the two bias corrections out of the loop, so this
/// peer does too — the point is scalar versus SIMD, not an unhoisted Pow.
/// </summary>
public static class AdamNaive
{
    /// <summary>
    /// m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²; w ← w − lr·(m/(1−β1^t)) / (√(v/(1−β2^t)) + ε), in place.
    /// </summary>
    public static void Step(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v, int t,
        float lr = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f)
    {
        PeerChecks.AdamSpans(w, g, m, v, t);
        float bc1 = 1f - MathF.Pow(beta1, t);
        float bc2 = 1f - MathF.Pow(beta2, t);
        for (int i = 0; i < w.Length; i++)
        {
            float gi = g[i];
            float mi = beta1 * m[i] + (1f - beta1) * gi;
            float vi = beta2 * v[i] + (1f - beta2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            w[i] -= lr * (mi / bc1) / (MathF.Sqrt(vi / bc2) + eps);
        }
    }
}
