using System;

namespace LossGen.Benchmarks.Peers;

/// <summary>
/// Crammer–Singer value and gradient as an application developer would first write it: one scalar
/// pass per row finds the largest other-class score and its first index, then the row's gradient.
/// The baseline of <see cref="Suites.CrammerSingerBenchmarks"/>.
/// </summary>
public static class CrammerSingerNaive
{
    /// <summary>
    /// L = (1/N) Σ_i max(0, 1 + max_{j≠y_i} s_ij − s_iy); overwrites <paramref name="ds"/>: where the
    /// margin is strictly positive, +1/N at the first largest other class and −1/N at the label.
    /// </summary>
    public static float ValueAndGradient(ReadOnlySpan<float> s, ReadOnlySpan<int> y, int n, int c, Span<float> ds)
    {
        PeerChecks.ScoresAndLabels(s, y, n, c, ds);
        float invN = 1f / n;
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            int row = i * c;
            int yi = y[i];
            float best = float.NegativeInfinity;
            int at = 0;
            for (int j = 0; j < c; j++)
            {
                float x = j == yi ? -1e30f : s[row + j];
                if (x > best)
                {
                    best = x;
                    at = j;
                }
            }

            float margin = 1f + best - s[row + yi];
            ds.Slice(row, c).Clear();
            if (margin > 0f)
            {
                total += margin;
                ds[row + at] += invN;
                ds[row + yi] -= invN;
            }
        }

        return (float)(total / n);
    }
}
