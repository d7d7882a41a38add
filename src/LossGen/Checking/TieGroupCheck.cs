using System.Collections.Immutable;

namespace LossGen.Checking;

/// <summary>
/// The check of one group of coordinates that sit on the same kink together, such as the tied
/// entries of a <c>Max</c> or <c>Min</c>: the sum of their analytic gradients against the one-sided
/// derivatives of the function when all of them move together.
/// </summary>
/// <remarks>
/// Each coordinate of a tie passes its own check with any value between its one-sided
/// derivatives, so at a three-way tie of <c>Max</c> the gradients (1, 1, 0) pass one by one although
/// the function only grows by 1 when all three grow by 1. The valid gradients there are the convex
/// combinations of the tied one-hot vectors: non-negative (the per-coordinate checks) and summing
/// to the upstream coefficient (this check). See <see cref="GradCheckOptions.CheckTieGroups"/>.
/// Coordinates are grouped when moving two of them together is not the sum of moving each, so
/// independent kinks (<c>|x₁| − |x₂|</c>, different rows' hinges) stay apart. The sum condition is
/// necessary for every subgradient of a function convex or concave near the point; where several
/// kinks of a function that is neither cross, it can fail a valid (Clarke) gradient, and the option
/// turns it off.
/// </remarks>
/// <param name="Coordinates">The coordinates of the group, in flat-index order.</param>
/// <param name="AnalyticSum">The sum of their analytic gradients: the analytic derivative along the all-ones direction of the group.</param>
/// <param name="Lower">The smaller one-sided derivative along that direction.</param>
/// <param name="Upper">The larger one-sided derivative along that direction.</param>
/// <param name="Step">The finer of the two steps the one-sided derivatives were extrapolated from.</param>
/// <param name="AbsoluteError">How far <see cref="AnalyticSum"/> lies outside <c>[Lower, Upper]</c>; 0 inside.</param>
/// <param name="Tolerance">The allowed error: atol + rtol·max(|Lower|, |Upper|) + rounding allowance.</param>
/// <param name="Passed">Whether <see cref="AbsoluteError"/> is within <see cref="Tolerance"/> (false for any NaN).</param>
/// <param name="Resolved">
/// Whether the one-sided derivatives along the group settled as the step shrank. When they did
/// not, other kinks lie closer than the finest step can resolve (as for a per-coordinate interval
/// that was widened), and <c>[Lower, Upper]</c> is widened to the sum of the members' own intervals,
/// so the group check is no stricter than theirs.
/// </param>
public sealed record TieGroupCheck(
    ImmutableArray<Coordinate> Coordinates,
    double AnalyticSum,
    double Lower,
    double Upper,
    double Step,
    double AbsoluteError,
    double Tolerance,
    bool Passed,
    bool Resolved)
{
    /// <summary>Error over tolerance: above 1 fails.</summary>
    public double Severity => double.IsNaN(AbsoluteError) ? double.PositiveInfinity
        : Tolerance > 0 ? AbsoluteError / Tolerance
        : AbsoluteError > 0 ? double.PositiveInfinity : 0;

    /// <summary><c>{s[0, 1], s[0, 2]}</c>.</summary>
    public string Members => "{" + string.Join(", ", Coordinates) + "}";
}
