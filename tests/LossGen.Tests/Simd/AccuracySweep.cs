using System;
using LossGen.CompilerServices;

namespace LossGen.Tests.Simd;

/// <summary>The worst error of a lane function over many points, and where it happened.</summary>
internal readonly record struct SweepResult(int Points, double MaxUlps, double MaxUlpsAt, double MaxRelative)
{
    public override string ToString() =>
        $"n={Points}: max {MaxUlps:F3} ulp (at x={MaxUlpsAt:R}), max rel {MaxRelative:E2}";
}

/// <summary>Runs a lane function over a long input array, a vector at a time, and measures it against a double reference.</summary>
internal static class AccuracySweep
{
    public static SweepResult Float<V>(Func<V, V> function, Func<double, double> exact, float[] inputs)
        where V : struct, ILanes<V, float>
    {
        var outputs = new float[inputs.Length];
        int i = 0;
        for (; i + V.Count <= inputs.Length; i += V.Count)
        {
            V.Store(outputs, i, function(V.Load(inputs, i)));
        }
        V.StorePartial(outputs, i, inputs.Length - i, function(V.LoadPartial(inputs, i, inputs.Length - i)));

        double maxUlps = 0, at = double.NaN, maxRelative = 0;
        for (int k = 0; k < inputs.Length; k++)
        {
            double reference = exact(inputs[k]);
            double ulps = Ulp.FloatError(outputs[k], reference);
            if (ulps > maxUlps || double.IsNaN(ulps))
            {
                (maxUlps, at) = (ulps, inputs[k]);
            }
            if (Math.Abs(reference) >= 1.17549435e-38 && Math.Abs(reference) <= float.MaxValue)
            {
                maxRelative = Math.Max(maxRelative, Ulp.Relative(outputs[k], reference));
            }
        }
        return new SweepResult(inputs.Length, maxUlps, at, maxRelative);
    }

    public static SweepResult Double<V>(Func<V, V> function, Func<double, double> exact, double[] inputs)
        where V : struct, ILanes<V, double>
    {
        var outputs = new double[inputs.Length];
        int i = 0;
        for (; i + V.Count <= inputs.Length; i += V.Count)
        {
            V.Store(outputs, i, function(V.Load(inputs, i)));
        }
        V.StorePartial(outputs, i, inputs.Length - i, function(V.LoadPartial(inputs, i, inputs.Length - i)));

        double maxUlps = 0, at = double.NaN, maxRelative = 0;
        for (int k = 0; k < inputs.Length; k++)
        {
            double reference = exact(inputs[k]);
            double ulps = Ulp.DoubleError(outputs[k], reference);
            if (ulps > maxUlps || double.IsNaN(ulps))
            {
                (maxUlps, at) = (ulps, inputs[k]);
            }
            if (Math.Abs(reference) >= 2.2250738585072014e-308 && double.IsFinite(reference))
            {
                maxRelative = Math.Max(maxRelative, Ulp.Relative(outputs[k], reference));
            }
        }
        return new SweepResult(inputs.Length, maxUlps, at, maxRelative);
    }

    /// <summary>An even grid over [low, high] (both ends included) followed by as many seeded uniform points.</summary>
    public static double[] Linear(double low, double high, int gridPoints, int seed)
    {
        var random = new Random(seed);
        var points = new double[2 * gridPoints];
        for (int k = 0; k < gridPoints; k++)
        {
            points[k] = low + (high - low) * k / (gridPoints - 1);
            points[gridPoints + k] = low + (high - low) * random.NextDouble();
        }
        return points;
    }

    /// <summary>As <see cref="Linear"/>, but uniform in log10 x: 10^[lowExponent, highExponent].</summary>
    public static double[] Logarithmic(double lowExponent, double highExponent, int gridPoints, int seed) =>
        Array.ConvertAll(Linear(lowExponent, highExponent, gridPoints, seed), e => Math.Pow(10, e));

    public static float[] ToFloat(double[] points) => Array.ConvertAll(points, p => (float)p);
}
