using System;

namespace LossGen.Benchmarks.Peers;

/// <summary>
/// Argument checks shared by the peers. They run once per call (not per element), so they cost the
/// same for every peer and keep a mis-sized benchmark from silently reading past a row.
/// </summary>
internal static class PeerChecks
{
    public static void ScoresAndLabels(ReadOnlySpan<float> s, ReadOnlySpan<int> y, int n, int c, Span<float> ds)
    {
        if (n <= 0 || c <= 0)
        {
            throw new ArgumentException($"n ({n}) and c ({c}) must be positive.", nameof(n));
        }

        if (s.Length != n * c)
        {
            throw new ArgumentException($"s has {s.Length} elements; expected n*c = {n}*{c}.", nameof(s));
        }

        if (ds.Length != n * c)
        {
            throw new ArgumentException($"ds has {ds.Length} elements; expected n*c = {n}*{c}.", nameof(ds));
        }

        if (y.Length != n)
        {
            throw new ArgumentException($"y has {y.Length} labels; expected n = {n}.", nameof(y));
        }

        foreach (int label in y)
        {
            if ((uint)label >= (uint)c)
            {
                throw new ArgumentException($"label {label} is outside [0, {c}).", nameof(y));
            }
        }
    }

    public static void AdamSpans(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v, int t)
    {
        if (g.Length != w.Length || m.Length != w.Length || v.Length != w.Length)
        {
            throw new ArgumentException(
                $"w ({w.Length}), g ({g.Length}), m ({m.Length}) and v ({v.Length}) must have the same length.", nameof(g));
        }

        if (t < 1)
        {
            throw new ArgumentException($"step t ({t}) must be >= 1; bias correction divides by 1 - beta^t.", nameof(t));
        }
    }

    public static void LinearModel(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, ReadOnlySpan<int> y,
        int n, int d, int c, Span<float> dw, Span<float> db)
    {
        if (n <= 0 || d <= 0 || c <= 0)
        {
            throw new ArgumentException($"n ({n}), d ({d}) and c ({c}) must be positive.", nameof(n));
        }

        if (x.Length != n * d || w.Length != d * c || dw.Length != d * c || b.Length != c || db.Length != c || y.Length != n)
        {
            throw new ArgumentException($"X [{n}, {d}], W and dW [{d}, {c}], b and db [{c}], y [{n}] do not match the spans' lengths.", nameof(x));
        }

        foreach (int label in y)
        {
            if ((uint)label >= (uint)c)
            {
                throw new ArgumentException($"label {label} is outside [0, {c}).", nameof(y));
            }
        }
    }
}
