using System;

namespace LossGen.Benchmarks.Peers;

/// <summary>
/// Softmax cross-entropy value and gradient as plain scalar loops (MathF.Exp / MathF.Log), with the
/// max-shift every careful implementation needs so exp never overflows.
/// </summary>
public static class SoftmaxCrossEntropyNaive
{
    /// <summary>
    /// Returns L = (1/N) Σ_i (logsumexp_j s_ij − s_iy) and overwrites <paramref name="ds"/> with
    /// (softmax_ij − [j = y_i]) / N.
    /// </summary>
    public static float ValueAndGradient(ReadOnlySpan<float> s, ReadOnlySpan<int> y, int n, int c, Span<float> ds)
    {
        PeerChecks.ScoresAndLabels(s, y, n, c, ds);
        float invN = 1f / n;
        double total = 0; // see MulticlassSvmNaive: float row losses, double across rows
        for (int i = 0; i < n; i++)
        {
            int row = i * c;
            int yi = y[i];

            float max = s[row];
            for (int j = 1; j < c; j++)
            {
                if (s[row + j] > max)
                {
                    max = s[row + j];
                }
            }

            // Shifted exponentials are stored in ds so the normalisation pass does not recompute them.
            float sum = 0f;
            for (int j = 0; j < c; j++)
            {
                float e = MathF.Exp(s[row + j] - max);
                ds[row + j] = e;
                sum += e;
            }

            // (max − s_y) + log(sum) rather than (max + log(sum)) − s_y: with scores around 1e4 the
            // latter rounds away most of a small loss.
            total += (max - s[row + yi]) + MathF.Log(sum);

            float scale = invN / sum;
            for (int j = 0; j < c; j++)
            {
                ds[row + j] *= scale;
            }

            ds[row + yi] -= invN;
        }

        return (float)(total / n);
    }
}
