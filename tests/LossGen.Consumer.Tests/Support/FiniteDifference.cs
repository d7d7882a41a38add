using System;

namespace LossGen.Consumer.Tests.Support;

/// <summary>
/// Centered finite differences in double, the independent oracle for every generated gradient.
/// </summary>
internal static class FiniteDifference
{
    /// <summary>
    /// The step for an element of value x: 1e-6 · max(1, |x|). Relative to x so large elements are
    /// not perturbed below their own rounding, but never below 1e-6 so elements near zero are not
    /// perturbed by a step lost in the rounding of f.
    /// </summary>
    public static double Step(double x) => 1e-6 * Math.Max(1.0, Math.Abs(x));

    /// <summary>
    /// ∂f/∂x_k ≈ (f(x + h e_k) − f(x − h e_k)) / (x_k⁺ − x_k⁻) for every k. <paramref name="f"/> reads
    /// <paramref name="x"/> in place; each element is restored exactly after its two evaluations.
    /// The divisor is the difference of the two perturbed values as actually stored, not 2h, so the
    /// rounding of x ± h does not bias the quotient.
    /// </summary>
    public static double[] Gradient(Func<double> f, double[] x)
    {
        var g = new double[x.Length];
        for (var k = 0; k < x.Length; k++)
        {
            var saved = x[k];
            var h = Step(saved);
            var plus = saved + h;
            var minus = saved - h;
            x[k] = plus;
            var fPlus = f();
            x[k] = minus;
            var fMinus = f();
            x[k] = saved;
            g[k] = (fPlus - fMinus) / (plus - minus);
        }
        return g;
    }
}
