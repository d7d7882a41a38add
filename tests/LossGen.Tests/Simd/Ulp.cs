using System;

namespace LossGen.Tests.Simd;

/// <summary>Error of a float or double result against an exact (or far more accurate) reference, in ulps.</summary>
internal static class Ulp
{
    /// <summary>Spacing of floats at |exact| (the subnormal spacing 2^-149 below the normal range).</summary>
    public static double FloatSpacing(double exact) =>
        Math.ScaleB(1.0, Math.Max(Math.ILogB(Math.Abs(exact)), -126) - 23);

    /// <summary>Spacing of doubles at |exact| (2^-1074 below the normal range).</summary>
    public static double DoubleSpacing(double exact) =>
        Math.ScaleB(1.0, Math.Max(Math.ILogB(Math.Abs(exact)), -1022) - 52);

    /// <summary>|actual − exact| in float ulps at exact; 0 when both are the same NaN/infinity/zero, +∞ on a mismatch.</summary>
    public static double FloatError(float actual, double exact)
    {
        float rounded = (float)exact;
        if (double.IsNaN(exact) || float.IsInfinity(rounded) || exact == 0)
        {
            return actual.Equals(rounded) ? 0 : double.PositiveInfinity;
        }
        if (!float.IsFinite(actual))
        {
            return double.PositiveInfinity;
        }
        return Math.Abs(actual - exact) / FloatSpacing(exact);
    }

    /// <summary>|actual − exact| in double ulps at exact (special values as in <see cref="FloatError"/>).</summary>
    public static double DoubleError(double actual, double exact)
    {
        if (!double.IsFinite(exact) || exact == 0)
        {
            return actual.Equals(exact) ? 0 : double.PositiveInfinity;
        }
        if (!double.IsFinite(actual))
        {
            return double.PositiveInfinity;
        }
        return Math.Abs(actual - exact) / DoubleSpacing(exact);
    }

    /// <summary>|actual − exact| / |exact| (special values as in <see cref="FloatError"/>).</summary>
    public static double Relative(double actual, double exact)
    {
        if (!double.IsFinite(exact) || exact == 0)
        {
            return actual.Equals(exact) ? 0 : double.PositiveInfinity;
        }
        return Math.Abs(actual - exact) / Math.Abs(exact);
    }
}
