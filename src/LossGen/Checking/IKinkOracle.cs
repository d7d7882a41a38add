using System;

namespace LossGen.Checking;

/// <summary>
/// Where a function's kinks are, for a caller that knows (a compiler that emitted the
/// <c>max</c>, <c>|·|</c> and hinge terms knows every kink exactly). When an oracle is given
/// the checker trusts it instead of detecting kinks numerically.
/// </summary>
public interface IKinkOracle
{
    /// <summary>
    /// The distance from <paramref name="x"/>, moving along coordinate
    /// <paramref name="coordinate"/> only, to the nearest point where the function is not
    /// differentiable.
    /// </summary>
    /// <param name="x">The point under check (a float point is widened exactly).</param>
    /// <param name="coordinate">The flat index of the coordinate being probed.</param>
    /// <param name="distance">
    /// Non-negative; 0 means <paramref name="x"/> is exactly at a kink along this coordinate, and
    /// the analytic value is then checked as a subgradient.
    /// </param>
    /// <returns>False when the function is smooth along this coordinate near <paramref name="x"/>.</returns>
    bool TryGetKinkDistance(ReadOnlySpan<double> x, int coordinate, out double distance);
}
