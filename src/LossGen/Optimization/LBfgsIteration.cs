using System;

namespace LossGen.Optimization;

/// <summary>Receives each accepted L-BFGS step; see <see cref="LBfgsOptions.Observer"/>.</summary>
public delegate void LBfgsObserver(LBfgsIteration iteration);

/// <summary>
/// One accepted L-BFGS step, x_{k+1} = x_k + α d_k, as seen by an <see cref="LBfgsObserver"/>.
/// </summary>
/// <remarks>
/// The spans point into the optimizer's own buffers and are valid only during the callback.
/// They are exposed so a caller (a test, a logger) can re-evaluate the objective and check the
/// step independently, without trusting the numbers the optimizer reports.
/// </remarks>
public readonly ref struct LBfgsIteration
{
    internal LBfgsIteration(
        int iteration, int evaluations, double stepLength,
        double previousValue, double value, double initialSlope, double finalSlope,
        double gradientNorm, bool historyUpdated,
        ReadOnlySpan<double> previousPoint, ReadOnlySpan<double> point, ReadOnlySpan<double> direction)
    {
        Iteration = iteration;
        Evaluations = evaluations;
        StepLength = stepLength;
        PreviousValue = previousValue;
        Value = value;
        InitialSlope = initialSlope;
        FinalSlope = finalSlope;
        GradientNorm = gradientNorm;
        HistoryUpdated = historyUpdated;
        PreviousPoint = previousPoint;
        Point = point;
        Direction = direction;
    }

    /// <summary>1 for the first accepted step.</summary>
    public int Iteration { get; }

    /// <summary>Objective evaluations so far, the start point included.</summary>
    public int Evaluations { get; }

    /// <summary>The accepted step length α.</summary>
    public double StepLength { get; }

    /// <summary>f(x_k).</summary>
    public double PreviousValue { get; }

    /// <summary>f(x_{k+1}).</summary>
    public double Value { get; }

    /// <summary>∇f(x_k)ᵀd_k, negative for a descent direction.</summary>
    public double InitialSlope { get; }

    /// <summary>∇f(x_{k+1})ᵀd_k.</summary>
    public double FinalSlope { get; }

    /// <summary>‖∇f(x_{k+1})‖₂.</summary>
    public double GradientNorm { get; }

    /// <summary>False when the pair (s, y) was skipped because sᵀy was not safely positive.</summary>
    public bool HistoryUpdated { get; }

    /// <summary>x_k.</summary>
    public ReadOnlySpan<double> PreviousPoint { get; }

    /// <summary>x_{k+1}, exactly the point the objective was evaluated at.</summary>
    public ReadOnlySpan<double> Point { get; }

    /// <summary>d_k.</summary>
    public ReadOnlySpan<double> Direction { get; }
}
