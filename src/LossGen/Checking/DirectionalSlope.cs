namespace LossGen.Checking;

/// <summary>
/// The one-sided derivatives of the function along a direction (a set of coordinates moved together
/// by the same step), each Richardson-extrapolated from two steps, with the error they may carry.
/// </summary>
/// <param name="Forward">The derivative moving every coordinate up.</param>
/// <param name="Backward">The derivative moving every coordinate down.</param>
/// <param name="Step">The finer of the two steps the derivatives were extrapolated from.</param>
/// <param name="Allowance">
/// Rounding noise of the evaluations plus the effect of probes that could not land exactly one step
/// away (the move is rounded to the function's type), bounded with the coordinates' own slopes.
/// </param>
/// <param name="Settled">
/// Whether the slopes agreed between two successive steps. When they never do down to the finest
/// step, kinks lie closer to the point than that step can resolve, and the slopes are those of
/// pieces beyond them rather than of the point's own neighbourhood.
/// </param>
internal readonly record struct DirectionalSlope(double Forward, double Backward, double Step, double Allowance, bool Settled = false);
