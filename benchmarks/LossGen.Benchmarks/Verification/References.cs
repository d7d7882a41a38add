using System;

namespace LossGen.Benchmarks.Verification;

/// <summary>
/// Double-precision references written as literally as the formulas, with no attempt at speed, so
/// they are easy to audit by eye. Inputs are the same floats the peers see, widened to double.
/// </summary>
internal static class References
{
    public static double MulticlassSvm(float[] s, int[] y, int n, int c, double delta, double[] ds)
    {
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            double correct = s[i * c + y[i]];
            ds[i * c + y[i]] = 0;
            for (int j = 0; j < c; j++)
            {
                if (j == y[i])
                {
                    continue;
                }

                double margin = s[i * c + j] - correct + delta;
                // Strictly positive: exactly at the kink the subgradient convention is 0.
                if (margin > 0)
                {
                    loss += margin;
                    ds[i * c + j] = 1.0 / n;
                    ds[i * c + y[i]] -= 1.0 / n;
                }
                else
                {
                    ds[i * c + j] = 0;
                }
            }
        }

        return loss / n;
    }

    /// <summary>
    /// Crammer–Singer: max(0, 1 + max_{j≠y} s_ij − s_iy) per row, averaged. Where the margin is
    /// strictly positive the row's gradient is +1/N at the first largest other class (the documented
    /// tie rule) and −1/N at the label.
    /// </summary>
    public static double CrammerSinger(float[] s, int[] y, int n, int c, double[] ds)
    {
        double loss = 0;
        Array.Clear(ds);
        for (int i = 0; i < n; i++)
        {
            int first = -1;
            for (int j = 0; j < c; j++)
            {
                if (j != y[i] && (first < 0 || s[i * c + j] > s[i * c + first]))
                {
                    first = j;
                }
            }

            double margin = 1 + (first < 0 ? -1e30 : s[i * c + first]) - s[i * c + y[i]];
            if (margin > 0)
            {
                loss += margin;
                ds[i * c + first] += 1.0 / n;
                ds[i * c + y[i]] -= 1.0 / n;
            }
        }

        return loss / n;
    }

    public static double SoftmaxCrossEntropy(float[] s, int[] y, int n, int c, double[] ds)
    {
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            double max = double.NegativeInfinity;
            for (int j = 0; j < c; j++)
            {
                max = Math.Max(max, s[i * c + j]);
            }

            double sum = 0;
            for (int j = 0; j < c; j++)
            {
                sum += Math.Exp(s[i * c + j] - max);
            }

            double logSumExp = max + Math.Log(sum);
            loss += logSumExp - s[i * c + y[i]];
            for (int j = 0; j < c; j++)
            {
                double softmax = Math.Exp(s[i * c + j] - max) / sum;
                ds[i * c + j] = (softmax - (j == y[i] ? 1.0 : 0.0)) / n;
            }
        }

        return loss / n;
    }

    /// <summary>
    /// One Adam step in double, PyTorch formulation, updating w, m, v in place; with
    /// <paramref name="l2"/> = λ the objective carries the penalty λ·Σw², so g becomes g + 2λw.
    /// </summary>
    public static void AdamStep(double[] w, float[] g, double[] m, double[] v, int t,
        double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double l2 = 0)
    {
        for (int i = 0; i < w.Length; i++)
        {
            double gi = g[i] + 2 * l2 * w[i];
            m[i] = beta1 * m[i] + (1 - beta1) * gi;
            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
            double mHat = m[i] / (1 - Math.Pow(beta1, t));
            double vHat = v[i] / (1 - Math.Pow(beta2, t));
            w[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
        }
    }
}
