using System;

namespace LossGen.Optimization;

/// <summary>The few dense vector kernels L-BFGS needs; kept plain because the objective dominates the cost.</summary>
internal static class DenseOps
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>y += a·x.</summary>
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] += a * x[i];
        }
    }

    /// <summary>destination = x + a·d.</summary>
    public static void Step(ReadOnlySpan<double> x, double a, ReadOnlySpan<double> d, Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = x[i] + a * d[i];
        }
    }

    public static bool AllFinite(ReadOnlySpan<double> x)
    {
        foreach (double v in x)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
