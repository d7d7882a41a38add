using System;

namespace LossGen.Benchmarks.Peers;

/// <summary>
/// Multiclass SVM (Weston–Watkins hinge) value and gradient written the way an application developer
/// would first write it: two nested scalar loops over float scores, no SIMD. It is the baseline
/// every other implementation's ratio is measured against.
/// </summary>
public static class MulticlassSvmNaive
{
    /// <summary>
    /// Returns L = (1/N) Σ_i Σ_{j≠y_i} max(0, s_ij − s_iy + Δ) and overwrites <paramref name="ds"/>
    /// with dL/ds (subgradient 0 exactly at the kink, i.e. only a strictly positive margin counts).
    /// </summary>
    public static float ValueAndGradient(ReadOnlySpan<float> s, ReadOnlySpan<int> y, int n, int c, Span<float> ds, float delta = 1f)
    {
        PeerChecks.ScoresAndLabels(s, y, n, c, ds);
        float invN = 1f / n;
        // Rows are summed in double: a per-row float sum is what a developer writes, but adding up to
        // 65536 row losses in float would drift by more than the verification tolerance.
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            int row = i * c;
            int yi = y[i];
            float correct = s[row + yi];
            float rowLoss = 0f;
            int violated = 0;
            for (int j = 0; j < c; j++)
            {
                if (j == yi)
                {
                    continue;
                }

                float margin = s[row + j] - correct + delta;
                if (margin > 0f)
                {
                    rowLoss += margin;
                    ds[row + j] = invN;
                    violated++;
                }
                else
                {
                    ds[row + j] = 0f;
                }
            }

            // The correct class's score appears (negated) in every violated term.
            ds[row + yi] = -violated * invN;
            total += rowLoss;
        }

        return (float)(total / n);
    }
}
