using System;

namespace LossGen.Benchmarks.Peers;

/// <summary>
/// Linear softmax classifier, value and gradient (dW [D, C], db [C]) of
/// <c>(1/N) Σ_i (logsumexp_j s_ij − s_{i,y_i}) + λ Σ W²</c> with <c>s = XW + b</c>: the scalar triple
/// loop a developer writes first. Row losses summed in double.
/// </summary>
internal static class LinearSoftmaxNaive
{
    public static float ValueAndGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, ReadOnlySpan<int> y,
        int n, int d, int c, float lambda, Span<float> dw, Span<float> db, Span<float> scratch)
    {
        PeerChecks.LinearModel(x, w, b, y, n, d, c, dw, db);
        for (int t = 0; t < w.Length; t++) dw[t] = 2f * lambda * w[t];
        db.Clear();
        var s = scratch[..c];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            var xi = x.Slice(i * d, d);
            for (int j = 0; j < c; j++)
            {
                float acc = b[j];
                for (int k = 0; k < d; k++) acc += xi[k] * w[k * c + j];
                s[j] = acc;
            }
            float max = float.NegativeInfinity;
            for (int j = 0; j < c; j++) max = MathF.Max(max, s[j]);
            float sum = 0;
            for (int j = 0; j < c; j++) sum += MathF.Exp(s[j] - max);
            total += max + MathF.Log(sum) - s[y[i]];
            for (int j = 0; j < c; j++)
            {
                float g = (MathF.Exp(s[j] - max) / sum - (j == y[i] ? 1f : 0f)) / n;
                db[j] += g;
                for (int k = 0; k < d; k++) dw[k * c + j] += g * xi[k];
            }
        }
        double penalty = 0;
        foreach (float v in w) penalty += v * v;
        return (float)(total / n + lambda * penalty);
    }
}
