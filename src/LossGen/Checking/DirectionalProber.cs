using System;
using System.Numerics;

namespace LossGen.Checking;

/// <summary>
/// Finite differences along a direction that moves several coordinates at once, each by the same
/// step: the numeric side of <see cref="TieGroups"/>.
/// </summary>
/// <remarks>
/// One-sided differences <c>(f(x + h·1_S) − f(x))/h</c> and <c>(f(x) − f(x − h·1_S))/h</c> at
/// <c>h</c> and <c>h/2</c>, combined as <c>2D(h/2) − D(h)</c> to cancel the curvature bias
/// <c>f″h/2</c>, exactly as the per-coordinate interval check does.
/// The step is nominal: each moved coordinate is rounded to the function's type, and the error
/// that rounding can put into the difference (at most the move's error times that coordinate's
/// largest one-sided slope) is added to the allowance instead of being divided out, since one
/// divisor cannot serve coordinates whose moves differ.
/// </remarks>
internal sealed class DirectionalProber<T, TFunction>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TFunction : IGradientFunction<T>
{
    private TFunction function;
    private readonly T[] probe;
    private readonly double[] point;
    private readonly double valueAtX;
    private readonly double noisePerValue;
    private readonly double? fixedStep;

    public DirectionalProber(TFunction function, ReadOnlySpan<T> x, double valueAtX, GradCheckOptions options)
    {
        fixedStep = options.Step;
        double noiseFactor = options.NoiseFactor;
        this.function = function;
        probe = x.ToArray();
        point = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
            point[i] = double.CreateTruncating(x[i]);
        this.valueAtX = valueAtX;
        noisePerValue = noiseFactor * NumericStep.MachineEpsilon<T>();
    }

    /// <summary>The step a coordinate's own check starts from: <see cref="GradCheckOptions.Step"/> or the default for its value.</summary>
    public double DefaultStep(int coordinate) => fixedStep ?? NumericStep.For<T>(point[coordinate]);

    /// <summary>
    /// The one-sided derivatives along the all-ones direction of <paramref name="coordinates"/> at
    /// the coarsest step where they have settled: the step is halved from <paramref name="coarsest"/>
    /// until the extrapolated slopes of two successive steps agree on both sides (another kink on a
    /// side keeps them moving until the stencil no longer reaches it). Going finer than needed
    /// only costs accuracy, since the rounding noise of a difference grows as 1/h.
    /// </summary>
    /// <param name="coordinates">The flat indices moved together.</param>
    /// <param name="coarsest">The first step tried, the default step for these coordinates.</param>
    /// <param name="finest">The finest step to go down to: where the coordinates' own checks found them on the kink.</param>
    /// <param name="slopeBound">For each flat index, a bound on the magnitude of its one-sided slopes.</param>
    /// <param name="budget">The tolerance of the comparison the slopes are for: a quarter of it may go to the difference between steps.</param>
    public DirectionalSlope Settled(ReadOnlySpan<int> coordinates, double coarsest, double finest, Func<int, double> slopeBound, Func<DirectionalSlope, double> budget)
    {
        double h = Math.Max(coarsest, 2 * finest);
        var current = Slopes(coordinates, h, slopeBound);
        while (h / 2 >= 2 * finest)
        {
            var next = Slopes(coordinates, h / 2, slopeBound);
            double drift = Math.Max(Math.Abs(next.Forward - current.Forward), Math.Abs(next.Backward - current.Backward));
            if (drift <= current.Allowance + next.Allowance + budget(next) / 4)
                return next with { Allowance = next.Allowance + drift, Settled = true };
            current = next;
            h /= 2;
        }

        return current;
    }

    /// <summary>The one-sided derivatives along the all-ones direction of <paramref name="coordinates"/> from steps h and h/2.</summary>
    /// <param name="coordinates">The flat indices moved together.</param>
    /// <param name="step">The coarser step <c>h</c>; the finer is <c>h/2</c>.</param>
    /// <param name="slopeBound">For each flat index, a bound on the magnitude of its one-sided slopes.</param>
    private DirectionalSlope Slopes(ReadOnlySpan<int> coordinates, double step, Func<int, double> slopeBound)
    {
        var (forwardCoarse, forwardCoarseError) = OneSided(coordinates, step, slopeBound);
        var (forwardFine, forwardFineError) = OneSided(coordinates, step / 2, slopeBound);
        var (backwardCoarse, backwardCoarseError) = OneSided(coordinates, -step, slopeBound);
        var (backwardFine, backwardFineError) = OneSided(coordinates, -step / 2, slopeBound);
        double allowance = Math.Max(
            2 * forwardFineError + forwardCoarseError,
            2 * backwardFineError + backwardCoarseError);
        return new DirectionalSlope(2 * forwardFine - forwardCoarse, 2 * backwardFine - backwardCoarse, step / 2, allowance);
    }

    /// <summary>
    /// <c>(f(x + h·1_S) − f(x))/h</c> for a signed step <c>h</c> (a backward difference when
    /// negative), and the error it may carry from rounding of the values and of the moves.
    /// </summary>
    private (double Slope, double Error) OneSided(ReadOnlySpan<int> coordinates, double signedStep, Func<int, double> slopeBound)
    {
        double moveError = 0;
        foreach (int i in coordinates)
        {
            T moved = T.CreateTruncating(point[i] + signedStep);
            probe[i] = moved;
            double actual = double.CreateTruncating(moved) - point[i];
            moveError += Math.Abs(actual - signedStep) * slopeBound(i);
        }

        double value;
        try
        {
            value = double.CreateTruncating(function.Value(probe));
        }
        finally
        {
            foreach (int i in coordinates)
                probe[i] = T.CreateTruncating(point[i]);
        }

        double h = Math.Abs(signedStep);
        double slope = signedStep > 0 ? (value - valueAtX) / h : (valueAtX - value) / h;
        double noise = noisePerValue * (Math.Abs(value) + Math.Abs(valueAtX)) / h;
        return (slope, noise + moveError / h);
    }
}
