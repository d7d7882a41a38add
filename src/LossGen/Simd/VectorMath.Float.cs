using System.Runtime.CompilerServices;

namespace LossGen.CompilerServices;

/// <summary>
/// Exp, log and tanh for float lanes, written once and specialised by the JIT per width.
/// Computed in float throughout (no widening to double), which keeps 16 lanes per AVX-512 op.
/// </summary>
internal static class VectorMathF
{
    // exp(89) exceeds float.MaxValue, so clamping larger x (and +inf) to 89 still yields +inf;
    // exp(-104) is below 2^-150, half the smallest subnormal, so clamping to -104 still rounds to 0.
    // Clamping keeps k within [-150, 128], the range ScaleByPow2 handles, and keeps r finite for ±inf.
    private const float ExpMaxArgument = 89f;
    private const float ExpMinArgument = -104f;

    private const float Log2E = 1.44269504088896340736f;

    // Cody–Waite split of ln 2: the high part keeps 12 significant bits, so k·Ln2High is exact for
    // |k| < 2^12 even without FMA; the low part carries the next 24 bits.
    private const float Ln2High = 0.693115234375f;
    private const float Ln2Low = 3.19461832987e-05f;

    /// <summary>e^x: 2^k · e^r with k = round(x/ln 2) and |r| ≤ ln2/2.</summary>
    /// <remarks>
    /// e^r is its Taylor series to r^7: the first omitted term, r^8/8! ≤ 5.7e-9 at |r| = 0.347, is a
    /// tenth of a float ulp. ScaleByPow2 applies 2^k with a single rounding, so results in the
    /// subnormal range are rounded once. NaN passes the clamp and propagates through the polynomial.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Exp<V>(V x)
        where V : struct, ILanes<V, float>, IExponentBits<V>
    {
        x = V.ClampKeepNaN(x, V.Splat(ExpMinArgument), V.Splat(ExpMaxArgument));

        V shifter = V.Splat(FloatBits.Shifter);
        V k = V.MultiplyAdd(x, V.Splat(Log2E), shifter) - shifter;
        V r = V.MultiplyAdd(k, V.Splat(-Ln2High), x);
        r = V.MultiplyAdd(k, V.Splat(-Ln2Low), r);

        // Estrin's scheme: the same operation count as Horner's rule but a dependency chain of 5
        // instead of 8, which matters when exp sits on a kernel's critical path (a reduction);
        // in a plain streaming loop the two measured the same. The final "+ 1" comes last so the
        // small terms are summed before they meet the large one.
        V r2 = r * r;
        V c23 = V.MultiplyAdd(V.Splat(1f / 6f), r, V.Splat(0.5f));
        V c45 = V.MultiplyAdd(V.Splat(1f / 120f), r, V.Splat(1f / 24f));
        V c67 = V.MultiplyAdd(V.Splat(1f / 5040f), r, V.Splat(1f / 720f));
        V c47 = V.MultiplyAdd(c67, r2, c45);
        V c27 = V.MultiplyAdd(c47, r2, c23);
        V p = V.MultiplyAdd(c27, r2, r) + V.One;

        return V.ScaleByPow2(p, k);
    }

    /// <summary>ln x: e·ln 2 + ln m with x = m·2^e, m in [√½, √2).</summary>
    /// <remarks>
    /// With f = m − 1 and s = f/(2+f), ln m = 2·atanh s = 2s + 2s³/3 + 2s⁵/5 + …, and |s| ≤ 0.1716.
    /// It is evaluated as f − (f²/2 − s(f²/2 + R)) with R = Σ 2s^(2n)/(2n+1), n = 1..4, so the
    /// leading term f is exact and rounding in s only touches terms a few times smaller; the first
    /// omitted term is s^10/11 ≈ 2e-9 relative. Subnormal x is first scaled by 2^25 (and 25 taken
    /// off e), so it is as accurate as a normal input. Special inputs are selected at the end:
    /// log(±0) = −∞, log(x &lt; 0) = NaN, log(+∞) = +∞, NaN stays NaN.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Log<V>(V x)
        where V : struct, ILanes<V, float>, IExponentBits<V>
    {
        V subnormal = V.LessThan(x, V.Splat(1.17549435e-38f /* 2^-126, smallest normal */));
        V scaled = V.Select(subnormal, x * V.Splat(33554432f), x);
        V e = V.ReducedExponent(scaled) - V.And(subnormal, V.Splat(25f));
        V f = V.ReducedMantissa(scaled) - V.One;

        V s = f / (V.Splat(2f) + f);
        V z = s * s;
        V poly = V.Splat(2f / 9f);
        poly = V.MultiplyAdd(poly, z, V.Splat(2f / 7f));
        poly = V.MultiplyAdd(poly, z, V.Splat(2f / 5f));
        poly = V.MultiplyAdd(poly, z, V.Splat(2f / 3f));
        V r = poly * z;
        V halfSquare = V.Splat(0.5f) * f * f;
        V logM = f - (halfSquare - s * (halfSquare + r));

        V result = V.MultiplyAdd(e, V.Splat(Ln2High), V.MultiplyAdd(e, V.Splat(Ln2Low), logM));

        V finitePositive = V.And(V.GreaterThan(x, V.Zero), V.LessThan(x, V.Splat(float.PositiveInfinity)));
        V special = V.Select(
            V.Equal(x, V.Zero),
            V.Splat(float.NegativeInfinity),
            V.Select(V.LessThan(x, V.Zero), V.Splat(float.NaN), x));
        return V.Select(finitePositive, result, special);
    }

    // Below this |x| tanh uses its odd Taylor series; above it (1 − e)/(1 + e), e = exp(−2|x|),
    // whose subtraction loses at most a factor e/(1−e) ≤ 0.82 of exp's error at |x| = 0.4.
    private const float TanhSeriesLimit = 0.4f;

    /// <summary>tanh x, odd, exactly ±1 for large |x|, NaN for NaN.</summary>
    /// <remarks>
    /// Series to x^13: at |x| = 0.4 the first omitted term, (2^14(2^14−1)B14/14!)·x^14, is 4e-9
    /// relative to x.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Tanh<V>(V x)
        where V : struct, ILanes<V, float>, IExponentBits<V>
    {
        V a = V.Abs(x);
        V e = Exp(V.Splat(-2f) * a);
        V large = (V.One - e) / (V.One + e);

        V z = a * a;
        V poly = V.Splat(21844f / 6081075f);
        poly = V.MultiplyAdd(poly, z, V.Splat(-1382f / 155925f));
        poly = V.MultiplyAdd(poly, z, V.Splat(62f / 2835f));
        poly = V.MultiplyAdd(poly, z, V.Splat(-17f / 315f));
        poly = V.MultiplyAdd(poly, z, V.Splat(2f / 15f));
        poly = V.MultiplyAdd(poly, z, V.Splat(-1f / 3f));
        V small = V.MultiplyAdd(poly * z, a, a);

        // Both branches work on |x| ≥ 0; OR-ing the sign bit of x back makes tanh odd down to
        // tanh(−0) = −0 (an added correction term can only produce +0 there) and keeps NaN a NaN.
        V magnitude = V.Select(V.LessThan(a, V.Splat(TanhSeriesLimit)), small, large);
        return V.Or(magnitude, V.And(x, V.Splat(-0f)));
    }
}
