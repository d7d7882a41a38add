namespace LossGen.Optimization;

/// <summary>Why <see cref="LBfgs.Minimize{TFunc}"/> stopped.</summary>
public enum LBfgsTerminationReason
{
    /// <summary>‖∇f‖₂ fell to <see cref="LBfgsOptions.GradientTolerance"/> or below.</summary>
    GradientTolerance,

    /// <summary>‖∇f‖₂ fell to <see cref="LBfgsOptions.RelativeGradientTolerance"/> × ‖∇f(x₀)‖₂ or below.</summary>
    RelativeGradientTolerance,

    /// <summary>
    /// The relative decrease (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) of the last iteration was at
    /// most <see cref="LBfgsOptions.FunctionTolerance"/>.
    /// </summary>
    FunctionTolerance,

    /// <summary><see cref="LBfgsOptions.MaxIterations"/> iterations were taken.</summary>
    MaxIterations,

    /// <summary>
    /// <see cref="LBfgsOptions.MaxEvaluations"/> objective evaluations were spent (possibly in the
    /// middle of a line search, whose unfinished trial point is discarded).
    /// </summary>
    MaxEvaluations,

    /// <summary>
    /// No step satisfying the strong Wolfe conditions was found, even along steepest descent with
    /// the history cleared. Usually the iterate is as good as the arithmetic allows (the function
    /// differences the search needs are below rounding), or the objective's gradient is wrong.
    /// </summary>
    LineSearchFailed,

    /// <summary>
    /// The objective returned a non-finite value or gradient at a trial point. The iterate is the
    /// last point where both were finite.
    /// </summary>
    NonFiniteObjective,
}
