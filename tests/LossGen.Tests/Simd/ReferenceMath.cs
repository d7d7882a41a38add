using System;

namespace LossGen.Tests.Simd;

/// <summary>
/// Double-precision references for the composite functions, written independently of the code
/// under test (no use of LossGen's Exp/Log), each accurate to a few double ulps.
/// </summary>
internal static class ReferenceMath
{
    public static double Sigmoid(double x) =>
        x >= 0 ? 1.0 / (1.0 + Math.Exp(-x)) : Math.Exp(x) / (1.0 + Math.Exp(x));

    /// <summary>log(1 + e^x) with log1p(t) = 2·atanh(t/(2+t)) summed to convergence.</summary>
    public static double Softplus(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }
        return Math.Max(x, 0) + Log1p(Math.Exp(-Math.Abs(x)));
    }

    private static double Log1p(double t)
    {
        if (t < 1e-20)
        {
            return t; // log1p(t) = t(1 − t/2 + …): relative error below 1e-20; t/(2+t) would underflow for subnormal t.
        }
        double s = t / (2 + t), z = s * s, term = s, sum = 0;
        for (int n = 1; term != 0 && n < 200; n += 2)
        {
            sum += term / n;
            term *= z;
        }
        return 2 * sum;
    }
}
