using System;

namespace LossGen.Consumer.Tests.Support;

/// <summary>Seeded random inputs (System.Random with a seed is deterministic across runs).</summary>
internal static class Inputs
{
    public static double[] Uniform(Random rng, int length, double lo, double hi)
    {
        var x = new double[length];
        for (var k = 0; k < length; k++) x[k] = lo + (hi - lo) * rng.NextDouble();
        return x;
    }

    public static int[] Labels(Random rng, int length, int classes)
    {
        var y = new int[length];
        for (var k = 0; k < length; k++) y[k] = rng.Next(classes);
        return y;
    }

    /// <summary>±1 labels as a constant tensor.</summary>
    public static double[] Signs(Random rng, int length)
    {
        var y = new double[length];
        for (var k = 0; k < length; k++) y[k] = rng.Next(2) == 0 ? -1.0 : 1.0;
        return y;
    }

    /// <summary>Values of magnitude in [lo, hi] with a random sign: keeps |x| away from the kink of |x| at 0.</summary>
    public static double[] AwayFromZero(Random rng, int length, double lo, double hi)
    {
        var x = new double[length];
        for (var k = 0; k < length; k++) x[k] = (rng.Next(2) == 0 ? -1 : 1) * (lo + (hi - lo) * rng.NextDouble());
        return x;
    }

    /// <summary>Row-major X·w for X [n, d].</summary>
    public static double[] MatVec(double[] X, double[] w, int n, int d)
    {
        var z = new double[n];
        for (var i = 0; i < n; i++)
        {
            double acc = 0;
            for (var k = 0; k < d; k++) acc += X[i * d + k] * w[k];
            z[i] = acc;
        }
        return z;
    }

    public static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));

    public static double LogSumExp(ReadOnlySpan<double> x)
    {
        var m = double.NegativeInfinity;
        foreach (var v in x) m = Math.Max(m, v);
        double s = 0;
        foreach (var v in x) s += Math.Exp(v - m);
        return m + Math.Log(s);
    }
}
