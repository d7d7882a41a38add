using System;

namespace LossGen.Checking;

/// <summary>
/// Where a function's kinks are, for a caller that knows (a compiler that emitted the
/// <c>max</c>, <c>|·|</c> and hinge terms knows every kink exactly). When an oracle is given
/// the checker trusts its <see cref="KinkAnswer.Smooth"/> and <see cref="KinkAnswer.Kink"/>
/// answers instead of detecting kinks numerically; for <see cref="KinkAnswer.Unknown"/> it
/// falls back to numeric detection (or fails, see <see cref="GradCheckOptions.UndecidedKinks"/>)
/// and reports the coordinate as undecided, so an oracle that cannot tell never makes a
/// coordinate pass unexamined.
/// </summary>
public interface IKinkOracle
{
    /// <summary>
    /// What the oracle knows about the function along coordinate <paramref name="coordinate"/>
    /// through <paramref name="x"/>.
    /// </summary>
    /// <param name="x">The point under check (a float point is widened exactly).</param>
    /// <param name="coordinate">The flat index of the coordinate being probed.</param>
    /// <param name="distance">
    /// For <see cref="KinkAnswer.Kink"/>: the distance from <paramref name="x"/>, moving along
    /// this coordinate only, to the nearest point where the function is not differentiable;
    /// non-negative, and 0 means <paramref name="x"/> is exactly on a kink (the analytic value is
    /// then checked as a subgradient). Ignored for the other answers.
    /// </param>
    KinkAnswer Locate(ReadOnlySpan<double> x, int coordinate, out double distance);
}

/// <summary>An <see cref="IKinkOracle"/>'s answer for one coordinate.</summary>
public enum KinkAnswer
{
    /// <summary>The function is smooth along this coordinate near the point.</summary>
    Smooth,

    /// <summary>The nearest kink along this coordinate is at the returned distance.</summary>
    Kink,

    /// <summary>
    /// The oracle cannot tell (a kink whose position it cannot compute, such as a hinge of a
    /// non-linear function of the coordinate). The checker does not take this as smooth.
    /// </summary>
    Unknown,
}
