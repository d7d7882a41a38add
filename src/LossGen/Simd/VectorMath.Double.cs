using System.Runtime.CompilerServices;

namespace LossGen.CompilerServices;

/// <summary>Exp, log and tanh for double lanes; the float file explains the shared method.</summary>
internal static class VectorMathD
{
    // exp(710) exceeds double.MaxValue and exp(-746) is below 2^-1075 (half the smallest
    // subnormal), so clamping to [-746, 710] changes no result and keeps k within [-1076, 1024],
    // the range ScaleByPow2 handles.
    private const double DoubleExpMaxArgument = 710.0;
    private const double DoubleExpMinArgument = -746.0;

    private const double DoubleLog2E = 1.4426950408889634074;

    // High part: 32 significant bits (k·Ln2High exact for |k| < 2^21); low part: the next 53.
    private const double DoubleLn2High = 0.69314718036912381649017333984375;
    private const double DoubleLn2Low = 1.9082149292705877000e-10;

    /// <summary>e^x: 2^k · e^r, |r| ≤ ln2/2, e^r by its Taylor series to r^12.</summary>
    /// <remarks>First omitted term r^13/13! ≤ 1.7e-16 at |r| = 0.347: under one double ulp.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Exp<V>(V x)
        where V : struct, ILanes<V, double>, IExponentBits<V>
    {
        x = V.ClampKeepNaN(x, V.Splat(DoubleExpMinArgument), V.Splat(DoubleExpMaxArgument));

        V shifter = V.Splat(FloatBits.DoubleShifter);
        V k = V.MultiplyAdd(x, V.Splat(DoubleLog2E), shifter) - shifter;
        V r = V.MultiplyAdd(k, V.Splat(-DoubleLn2High), x);
        r = V.MultiplyAdd(k, V.Splat(-DoubleLn2Low), r);

        V p = V.Splat(1.0 / 479001600.0);
        p = V.MultiplyAdd(p, r, V.Splat(1.0 / 39916800.0));
        p = V.MultiplyAdd(p, r, V.Splat(1.0 / 3628800.0));
        p = V.MultiplyAdd(p, r, V.Splat(1.0 / 362880.0));
        p = V.MultiplyAdd(p, r, V.Splat(1.0 / 40320.0));
        p = V.MultiplyAdd(p, r, V.Splat(1.0 / 5040.0));
        p = V.MultiplyAdd(p, r, V.Splat(1.0 / 720.0));
        p = V.MultiplyAdd(p, r, V.Splat(1.0 / 120.0));
        p = V.MultiplyAdd(p, r, V.Splat(1.0 / 24.0));
        p = V.MultiplyAdd(p, r, V.Splat(1.0 / 6.0));
        p = V.MultiplyAdd(p, r, V.Splat(0.5));
        p = V.MultiplyAdd(p, r, V.One);
        p = V.MultiplyAdd(p, r, V.One);

        return V.ScaleByPow2(p, k);
    }

    /// <summary>ln x as in the float version, with R = Σ 2s^(2n)/(2n+1) for n = 1..9.</summary>
    /// <remarks>First omitted term s^20/21 ≈ 2.3e-17 relative. Subnormals are scaled by 2^54 first.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Log<V>(V x)
        where V : struct, ILanes<V, double>, IExponentBits<V>
    {
        V subnormal = V.LessThan(x, V.Splat(2.2250738585072014e-308 /* 2^-1022, smallest normal */));
        V scaled = V.Select(subnormal, x * V.Splat(18014398509481984.0), x);
        V e = V.ReducedExponent(scaled) - V.And(subnormal, V.Splat(54.0));
        V f = V.ReducedMantissa(scaled) - V.One;

        V s = f / (V.Splat(2.0) + f);
        V z = s * s;
        V poly = V.Splat(2.0 / 19.0);
        poly = V.MultiplyAdd(poly, z, V.Splat(2.0 / 17.0));
        poly = V.MultiplyAdd(poly, z, V.Splat(2.0 / 15.0));
        poly = V.MultiplyAdd(poly, z, V.Splat(2.0 / 13.0));
        poly = V.MultiplyAdd(poly, z, V.Splat(2.0 / 11.0));
        poly = V.MultiplyAdd(poly, z, V.Splat(2.0 / 9.0));
        poly = V.MultiplyAdd(poly, z, V.Splat(2.0 / 7.0));
        poly = V.MultiplyAdd(poly, z, V.Splat(2.0 / 5.0));
        poly = V.MultiplyAdd(poly, z, V.Splat(2.0 / 3.0));
        V r = poly * z;
        V halfSquare = V.Splat(0.5) * f * f;
        V logM = f - (halfSquare - s * (halfSquare + r));

        V result = V.MultiplyAdd(e, V.Splat(DoubleLn2High), V.MultiplyAdd(e, V.Splat(DoubleLn2Low), logM));

        V finitePositive = V.And(V.GreaterThan(x, V.Zero), V.LessThan(x, V.Splat(double.PositiveInfinity)));
        V special = V.Select(
            V.Equal(x, V.Zero),
            V.Splat(double.NegativeInfinity),
            V.Select(V.LessThan(x, V.Zero), V.Splat(double.NaN), x));
        return V.Select(finitePositive, result, special);
    }

    // At |x| = 0.25, e = exp(−0.5) and the subtraction 1 − e amplifies exp's error by e/(1−e) ≈ 1.5.
    private const double DoubleTanhSeriesLimit = 0.25;

    /// <summary>tanh x; series to x^21 below |x| = 0.25 (first omitted term ≈ 2e-18 relative).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Tanh<V>(V x)
        where V : struct, ILanes<V, double>, IExponentBits<V>
    {
        V a = V.Abs(x);
        V e = Exp(V.Splat(-2.0) * a);
        V large = (V.One - e) / (V.One + e);

        V z = a * a;
        V poly = V.Splat(18888466084.0 / 194896477400625.0);
        poly = V.MultiplyAdd(poly, z, V.Splat(-443861162.0 / 1856156927625.0));
        poly = V.MultiplyAdd(poly, z, V.Splat(6404582.0 / 10854718875.0));
        poly = V.MultiplyAdd(poly, z, V.Splat(-929569.0 / 638512875.0));
        poly = V.MultiplyAdd(poly, z, V.Splat(21844.0 / 6081075.0));
        poly = V.MultiplyAdd(poly, z, V.Splat(-1382.0 / 155925.0));
        poly = V.MultiplyAdd(poly, z, V.Splat(62.0 / 2835.0));
        poly = V.MultiplyAdd(poly, z, V.Splat(-17.0 / 315.0));
        poly = V.MultiplyAdd(poly, z, V.Splat(2.0 / 15.0));
        poly = V.MultiplyAdd(poly, z, V.Splat(-1.0 / 3.0));
        V small = V.MultiplyAdd(poly * z, a, a);

        // Both branches work on |x| ≥ 0; OR-ing the sign bit of x back makes tanh odd down to
        // tanh(−0) = −0 (an added correction term can only produce +0 there) and keeps NaN a NaN.
        V magnitude = V.Select(V.LessThan(a, V.Splat(DoubleTanhSeriesLimit)), small, large);
        return V.Or(magnitude, V.And(x, V.Splat(-0.0)));
    }
}
