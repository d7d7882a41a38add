using System;

namespace LossGen.Tests.Builtins;

/// <summary>
/// Centered finite differences in double, the independent reference for analytic gradients:
/// ∂f/∂x_k ≈ (f(x + h e_k) − f(x − h e_k)) / 2h, with error O(h²·f''') + O(ε·|f|/h); h ≈ 1e-5·max(1, |x_k|)
/// balances the two near ε^(1/3) ≈ 6e-6.
/// </summary>
internal static class CenteredDifference
{
    public static double[] Gradient(double[] x, Func<double[], double> f)
    {
        var g = new double[x.Length];
        for (var k = 0; k < x.Length; k++)
        {
            var saved = x[k];
            var h = 1e-5 * Math.Max(1, Math.Abs(saved));
            x[k] = saved + h;
            var plus = f(x);
            x[k] = saved - h;
            var minus = f(x);
            x[k] = saved;
            g[k] = (plus - minus) / (2 * h);
        }
        return g;
    }

    /// <summary>
    /// Asserts analytic ≈ numeric element-wise: |a − n| ≤ 1e-6·max(|a|, |n|) + 1e-9·scale. The
    /// absolute part is the truncation/rounding error of the difference itself for elements whose
    /// derivative is (near) zero, relative to the gradient's largest element.
    /// </summary>
    public static void AssertMatches(double[] analytic, double[] numeric, string what)
    {
        var scale = 0.0;
        foreach (var v in numeric) scale = Math.Max(scale, Math.Abs(v));
        for (var k = 0; k < analytic.Length; k++)
        {
            var err = Math.Abs(analytic[k] - numeric[k]);
            var bound = 1e-6 * Math.Max(Math.Abs(analytic[k]), Math.Abs(numeric[k])) + 1e-9 * Math.Max(1, scale);
            if (err > bound)
                throw new Xunit.Sdk.XunitException($"{what}[{k}]: analytic {analytic[k]:R} vs centered difference {numeric[k]:R} (|diff| {err:E2} > {bound:E2})");
        }
    }
}
