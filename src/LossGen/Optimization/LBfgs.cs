using System;

namespace LossGen.Optimization;

/// <summary>
/// Limited-memory BFGS for smooth, full-batch, deterministic objectives.
/// </summary>
/// <remarks>
/// <para>
/// Each iteration takes the quasi-Newton direction d = −H∇f from the two-loop recursion over the
/// last m curvature pairs (initial scaling H₀ = γI, γ = sᵀy/yᵀy of the newest pair), then a step
/// along it that satisfies the strong Wolfe conditions (see <see cref="StrongWolfeLineSearch"/>).
/// The first step, and any step after the history is cleared, follows −∇f with a trial length of
/// 1/‖∇f‖ so it moves a unit distance; later steps try α = 1 first, the natural quasi-Newton step.
/// </para>
/// <para>
/// Robustness rules: a pair with sᵀy ≤ ε·yᵀy is skipped rather than stored; a direction that is not
/// a descent direction, or along which the line search fails, clears the history and retries once
/// along −∇f. The caller's span always holds the best accepted point: trial points live in separate
/// buffers and are copied in only once accepted, so an interrupted run (budget, non-finite
/// objective, failed search) leaves x at the last good iterate, and the result reports its value.
/// </para>
/// <para>
/// Memory: 2·m·n doubles of history plus 4·n of work space, allocated once per call; the iteration
/// loop allocates nothing.
/// </para>
/// </remarks>
public static class LBfgs
{
    /// <summary>
    /// Minimises <paramref name="f"/> starting from, and overwriting, <paramref name="x"/>.
    /// </summary>
    /// <param name="f">The objective, by reference so its state survives the call.</param>
    /// <param name="x">On entry the start point; on return the last accepted iterate.</param>
    /// <param name="options">Settings; <see cref="LBfgsOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="x"/> is empty or not finite, the objective or its gradient is not finite at
    /// the start point, or an option is out of range (the exception names it).
    /// </exception>
    public static LBfgsResult Minimize<TFunc>(ref TFunc f, Span<double> x, LBfgsOptions? options = null)
        where TFunc : struct, IDifferentiableFunction
    {
        options ??= LBfgsOptions.Default;
        options.Validate();
        using var degree = Parallelism.LimitIf(options.DegreeOfParallelism);
        if (x.IsEmpty)
        {
            throw new ArgumentException("The start point must have at least one coordinate.", nameof(x));
        }

        if (!DenseOps.AllFinite(x))
        {
            throw new ArgumentException("The start point contains NaN or infinite coordinates.", nameof(x));
        }

        int n = x.Length;
        var history = new LBfgsHistory(options.HistorySize, n);
        double[] work = new double[checked(4 * n)];
        Span<double> g = work.AsSpan(0, n);
        Span<double> d = work.AsSpan(n, n);
        Span<double> xTrial = work.AsSpan(2 * n, n);
        Span<double> gTrial = work.AsSpan(3 * n, n);

        double fx = f.ValueAndGradient(x, g);
        int evaluations = 1;
        if (!double.IsFinite(fx))
        {
            throw new ArgumentException($"The objective at the start point is {fx}; it must be finite.", nameof(x));
        }

        if (!DenseOps.AllFinite(g))
        {
            throw new ArgumentException("The objective's gradient at the start point contains NaN or infinite entries.", nameof(x));
        }

        double gNorm = StableNorm.Euclidean(g);
        double gNorm0 = gNorm;
        int iterations = 0;

        LBfgsResult Result(LBfgsTerminationReason reason) => new(fx, gNorm, iterations, evaluations, reason);

        if (gNorm <= options.GradientTolerance)
        {
            return Result(LBfgsTerminationReason.GradientTolerance);
        }

        if (gNorm <= options.RelativeGradientTolerance * gNorm0)
        {
            return Result(LBfgsTerminationReason.RelativeGradientTolerance);
        }

        while (true)
        {
            if (iterations >= options.MaxIterations)
            {
                return Result(LBfgsTerminationReason.MaxIterations);
            }

            if (evaluations >= options.MaxEvaluations)
            {
                return Result(LBfgsTerminationReason.MaxEvaluations);
            }

            history.ComputeDirection(g, d);
            double slope = DenseOps.Dot(g, d);
            if (!(slope < 0) && history.Count > 0)
            {
                // Rounding has made the approximation useless here; start it afresh.
                history.Clear();
                history.ComputeDirection(g, d);
                slope = DenseOps.Dot(g, d);
            }

            if (!(slope < 0))
            {
                // −∇f itself is not a descent direction: ∇f is zero or beyond double's resolution.
                return Result(LBfgsTerminationReason.LineSearchFailed);
            }

            double initialStep = history.Count == 0 ? 1.0 / StableNorm.Euclidean(d) : 1.0;
            var status = StrongWolfeLineSearch.Search(
                ref f, x, d, fx, slope, initialStep,
                options.C1, options.C2, options.MaxLineSearchEvaluations,
                xTrial, gTrial, ref evaluations, options.MaxEvaluations,
                out double alpha, out double fNew, out double slopeNew);

            switch (status)
            {
                case LineSearchStatus.Failed when history.Count > 0:
                    // The quasi-Newton model may be stale; one retry along steepest descent.
                    history.Clear();
                    continue;
                case LineSearchStatus.Failed:
                    return Result(LBfgsTerminationReason.LineSearchFailed);
                case LineSearchStatus.NonFinite:
                    return Result(LBfgsTerminationReason.NonFiniteObjective);
                case LineSearchStatus.EvaluationBudget:
                    return Result(LBfgsTerminationReason.MaxEvaluations);
            }

            bool updated = history.TryAdd(xTrial, x, gTrial, g);
            iterations++;
            double fOld = fx;
            double gNormNew = StableNorm.Euclidean(gTrial);
            options.Observer?.Invoke(new LBfgsIteration(
                iterations, evaluations, alpha, fOld, fNew, slope, slopeNew, gNormNew, updated, x, xTrial, d));

            xTrial.CopyTo(x);
            gTrial.CopyTo(g);
            fx = fNew;
            gNorm = gNormNew;

            if (gNorm <= options.GradientTolerance)
            {
                return Result(LBfgsTerminationReason.GradientTolerance);
            }

            if (gNorm <= options.RelativeGradientTolerance * gNorm0)
            {
                return Result(LBfgsTerminationReason.RelativeGradientTolerance);
            }

            double scale = Math.Max(Math.Max(Math.Abs(fOld), Math.Abs(fx)), 1.0);
            if (options.FunctionTolerance > 0 && (fOld - fx) / scale <= options.FunctionTolerance)
            {
                return Result(LBfgsTerminationReason.FunctionTolerance);
            }
        }
    }
}
