using System;
using System.Numerics;

namespace LossGen.Checking;

/// <summary>
/// The finite-difference step and default tolerances for a precision, derived in one place.
/// </summary>
/// <remarks>
/// <para>
/// <b>Step.</b> A centered difference <c>(f(x+h) − f(x−h)) / 2h</c> has truncation error about
/// <c>h²|f‴|/6</c> and rounding error about <c>δ/h</c>, where <c>δ</c> is the absolute error of
/// one evaluation of <c>f</c>. Taking <c>δ ≈ 4ε|f|</c> (a few roundings) and <c>|f‴| ≈ |f|</c>
/// at unit scale, the sum is smallest at <c>h = ∛(3δ/|f‴|) = ∛(12ε)</c>: 1.39e-5 for double
/// (ε = 2⁻⁵²) and 1.13e-2 for float (ε = 2⁻²³). We round this down to a power of two, 2⁻¹⁷ for
/// double and 2⁻⁷ for float, and scale it by the binade of <c>max(1, |x|)</c> so the step keeps the
/// same number of significant bits away from zero and stays absolute near zero.
/// </para>
/// <para>
/// <b>Why a power of two.</b> Then <c>h</c> is a whole multiple of the spacing of floats around
/// <c>x</c> (that spacing is a power of two no larger than <c>h</c>), so <c>x ± h</c> lands on a
/// representable value except when it crosses into the next binade, where it is rounded to an
/// even multiple. The checker never assumes exactness: it rounds each probe to the function's
/// type, then divides by the step actually taken, <c>probe − x</c>, computed in double (exactly for
/// a float function, to within one rounding for a double one). So the division never carries the
/// representation error of <c>x ± h</c>.
/// </para>
/// <para>
/// <b>Tolerances.</b> A check passes when <c>|a − n| ≤ atol + rtol·|n| + noise</c>. The noise term
/// is computed per coordinate from the values actually seen,
/// <c>NoiseFactor·ε·(|f(x+h)| + |f(x−h)|) / (2h)</c>, so the rounding error of a float loss over
/// many terms never shows as a failure. <c>atol</c> and <c>rtol</c> then cover truncation: at the
/// default step its relative size is about <c>h²/6</c>, 1e-11 in double and 1e-5 in float. Float
/// takes rtol 1e-3, a hundred times that, and atol 1e-5. Double takes rtol 1e-6 and atol 1e-8:
/// still five orders above truncation, and tight enough to catch a gradient off by 1e-3 relative
/// with three orders to spare.
/// </para>
/// </remarks>
public static class NumericStep
{
    /// <summary>
    /// The base-2 exponent <c>k</c> of the relative step: <c>h = 2^k · 2^⌊log₂ max(1, |x|)⌋</c>.
    /// −17 for double, −7 for float.
    /// </summary>
    public static int RelativeExponent<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
        => (int)Math.Floor(Math.Log2(Math.Cbrt(12 * MachineEpsilon<T>())));

    /// <summary>The default centered-difference step for a coordinate whose value is <paramref name="x"/>.</summary>
    public static double For<T>(double x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double scale = Math.Max(1.0, Math.Abs(x));
        if (!double.IsFinite(scale))
            throw new ArgumentOutOfRangeException(nameof(x), x, "The gradient cannot be checked at a non-finite point.");
        return Math.ScaleB(1.0, RelativeExponent<T>() + Math.ILogB(scale));
    }

    /// <summary>The gap between 1 and the next representable <typeparamref name="T"/>.</summary>
    public static double MachineEpsilon<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
        => double.CreateTruncating(T.BitIncrement(T.One) - T.One);

    /// <summary>The default absolute tolerance for <typeparamref name="T"/> (see remarks on the class).</summary>
    public static double DefaultAbsoluteTolerance<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
        => IsDoubleLike<T>() ? 1e-8 : 1e-5;

    /// <summary>The default relative tolerance for <typeparamref name="T"/> (see remarks on the class).</summary>
    public static double DefaultRelativeTolerance<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
        => IsDoubleLike<T>() ? 1e-6 : 1e-3;

    /// <summary>
    /// Only float and double have derived defaults; a narrower type (Half) would need its own
    /// derivation, so it is refused rather than checked with numbers that were never justified.
    /// </summary>
    internal static void EnsureSupported<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
            throw new NotSupportedException($"Gradient checks are derived for float and double only, not {typeof(T).Name}.");
    }

    private static bool IsDoubleLike<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
        => MachineEpsilon<T>() <= Math.ScaleB(1.0, -52);
}
