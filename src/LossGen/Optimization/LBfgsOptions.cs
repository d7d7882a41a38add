using System;

namespace LossGen.Optimization;

/// <summary>
/// Settings for <see cref="LBfgs.Minimize{TFunc}"/>. A tolerance of 0 switches its test off (the
/// gradient tests then fire only on an exactly zero gradient, a true stationary point).
/// </summary>
public sealed record LBfgsOptions
{
    /// <summary>Shared default instance.</summary>
    public static LBfgsOptions Default { get; } = new();

    /// <summary>Number m of curvature pairs (s, y) kept; memory is 2·m·n doubles. Default 10.</summary>
    public int HistorySize { get; init; } = 10;

    /// <summary>Stop when ‖∇f‖₂ ≤ this. Default 1e-8.</summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary>Stop when ‖∇f‖₂ ≤ this × ‖∇f(x₀)‖₂. Default 1e-10.</summary>
    public double RelativeGradientTolerance { get; init; } = 1e-10;

    /// <summary>
    /// Stop when an iteration's relative decrease (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) is at
    /// most this. The max with 1 makes it an absolute test for objectives whose minimum is near 0.
    /// Default 1e-15, which only fires when progress has stalled at rounding level.
    /// </summary>
    public double FunctionTolerance { get; init; } = 1e-15;

    /// <summary>Maximum accepted steps. Default 1000.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Maximum objective evaluations, the one at the start point included. Default 10 000.</summary>
    public int MaxEvaluations { get; init; } = 10_000;

    /// <summary>Maximum evaluations within one line search before it is declared failed. Default 40.</summary>
    public int MaxLineSearchEvaluations { get; init; } = 40;

    /// <summary>Sufficient-decrease constant c₁ of the Wolfe conditions. Default 1e-4.</summary>
    public double C1 { get; init; } = 1e-4;

    /// <summary>Curvature constant c₂ of the strong Wolfe conditions, c₁ &lt; c₂ &lt; 1. Default 0.9.</summary>
    public double C2 { get; init; } = 0.9;

    /// <summary>
    /// Called after every accepted step (for logging or tests). It observes only; the run is
    /// identical with or without it. Null by default.
    /// </summary>
    public LBfgsObserver? Observer { get; init; }

    /// <summary>
    /// The most threads the objective's kernels may use during the run (<see cref="Parallelism.Limit"/>
    /// around it); null, the default, leaves the calling thread's <see cref="Parallelism.CurrentDegree"/>.
    /// </summary>
    public int? DegreeOfParallelism { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending setting.</summary>
    internal void Validate()
    {
        if (DegreeOfParallelism is int degree && degree < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DegreeOfParallelism), degree, "DegreeOfParallelism must be at least 1 (or null).");
        }

        if (HistorySize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(HistorySize), HistorySize, "The L-BFGS history size m must be at least 1.");
        }

        RequireNonNegative(GradientTolerance, nameof(GradientTolerance));
        RequireNonNegative(RelativeGradientTolerance, nameof(RelativeGradientTolerance));
        RequireNonNegative(FunctionTolerance, nameof(FunctionTolerance));
        if (MaxIterations < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "MaxIterations must not be negative.");
        }

        if (MaxEvaluations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEvaluations), MaxEvaluations, "MaxEvaluations must be at least 1 (the start point is evaluated).");
        }

        if (MaxLineSearchEvaluations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLineSearchEvaluations), MaxLineSearchEvaluations, "MaxLineSearchEvaluations must be at least 1.");
        }

        // 0 < c1 < c2 < 1 is what guarantees a strong Wolfe step exists for a smooth function
        // bounded below; outside it the search can loop without an acceptable point.
        if (!(C1 > 0 && C1 < C2 && C2 < 1))
        {
            throw new ArgumentException($"The Wolfe constants must satisfy 0 < C1 < C2 < 1; got C1 = {C1}, C2 = {C2}.", nameof(C1));
        }
    }

    private static void RequireNonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and not negative.");
        }
    }
}
