namespace LossGen.Checking;

/// <summary>The outcome of checking one coordinate.</summary>
/// <param name="Coordinate">Which parameter, e.g. <c>W[3, 7]</c>.</param>
/// <param name="Kind">Smooth, near a kink (step shrunk) or at a kink (subgradient check).</param>
/// <param name="Analytic">The gradient the function reported.</param>
/// <param name="Numeric">
/// The finite-difference derivative; at a kink, the point of <c>[Lower, Upper]</c> nearest to
/// <see cref="Analytic"/> (what it was compared with).
/// </param>
/// <param name="Lower">At a kink, the smaller one-sided derivative; otherwise NaN.</param>
/// <param name="Upper">At a kink, the larger one-sided derivative; otherwise NaN.</param>
/// <param name="Step">The finite-difference step finally used.</param>
/// <param name="AbsoluteError"><c>|a − n|</c>.</param>
/// <param name="RelativeError"><c>|a − n| / max(|a|, |n|)</c>, 0 when both are 0.</param>
/// <param name="Tolerance">The allowed <c>|a − n|</c>: atol + rtol·|n| + the rounding allowance.</param>
/// <param name="Passed">Whether <see cref="AbsoluteError"/> is within <see cref="Tolerance"/> (false for any NaN).</param>
/// <param name="IntervalWidened">
/// At a kink, true when rounding noise stopped the step from shrinking further, so kink structure
/// finer than <see cref="Step"/> could not be seen and the interval was widened by how much the
/// one-sided differences still moved between the last two steps. Such a check is more lenient.
/// </param>
/// <param name="OracleUndecided">
/// The kink oracle answered <see cref="KinkAnswer.Unknown"/> for this coordinate, so it was checked
/// by numeric kink detection (or, under <see cref="UndecidedKinkPolicy.Fail"/>, not verified).
/// </param>
public sealed record CoordinateCheck(
    Coordinate Coordinate,
    CoordinateKind Kind,
    double Analytic,
    double Numeric,
    double Lower,
    double Upper,
    double Step,
    double AbsoluteError,
    double RelativeError,
    double Tolerance,
    bool Passed,
    bool IntervalWidened = false,
    bool OracleUndecided = false)
{
    /// <summary>Error over tolerance: above 1 fails. Used to rank the worst coordinates.</summary>
    public double Severity => double.IsNaN(AbsoluteError) ? double.PositiveInfinity
        : Tolerance > 0 ? AbsoluteError / Tolerance
        : AbsoluteError > 0 ? double.PositiveInfinity : 0;
}
