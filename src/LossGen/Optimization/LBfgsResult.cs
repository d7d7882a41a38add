namespace LossGen.Optimization;

/// <summary>The outcome of <see cref="LBfgs.Minimize{TFunc}"/>; the minimiser itself is left in the caller's span.</summary>
/// <param name="Value">f at the returned point (always a value the objective actually returned there, finite).</param>
/// <param name="GradientNorm">‖∇f‖₂ at the returned point.</param>
/// <param name="Iterations">Accepted steps taken.</param>
/// <param name="Evaluations">Calls to the objective, the one at the start point included.</param>
/// <param name="Reason">Why the run stopped.</param>
public sealed record LBfgsResult(
    double Value,
    double GradientNorm,
    int Iterations,
    int Evaluations,
    LBfgsTerminationReason Reason)
{
    /// <summary>
    /// Whether the run stopped on one of its convergence tests (gradient or function tolerance),
    /// rather than on a budget, a line-search failure or a non-finite objective.
    /// </summary>
    public bool Converged => Reason is LBfgsTerminationReason.GradientTolerance
        or LBfgsTerminationReason.RelativeGradientTolerance
        or LBfgsTerminationReason.FunctionTolerance;
}
