using System;
using System.Collections.Immutable;
using System.Linq;
using System.Numerics;

namespace LossGen.Checking;

/// <summary>
/// Compares a function's analytic gradient with centered finite differences, coordinate by
/// coordinate, in double, with kinks (hinge, ReLU, |·|, max) handled instead of reported as false
/// failures. See <see cref="NumericStep"/> for the step and tolerances and
/// <see cref="CoordinateKind"/> for how kinks are treated.
/// </summary>
/// <example>
/// <code>
/// var layout = new ParameterLayout(new ParameterBlock("W", D, C), new ParameterBlock("b", C));
/// GradCheck.Assert(new MyLoss(X, y), parameters, layout);               // every coordinate
/// var report = GradCheck.CheckSparse(new MyLoss(X, y), parameters, 50, layout); // 50 sampled
/// </code>
/// </example>
public static class GradCheck
{
    /// <summary>
    /// Checks every coordinate of <paramref name="x"/>, or a seeded sample of
    /// <see cref="GradCheckOptions.SparseCount"/> of them.
    /// </summary>
    /// <param name="function">The function; it is evaluated at <paramref name="x"/> with one coordinate moved at a time.</param>
    /// <param name="x">The point to check at; it is not modified.</param>
    /// <param name="layout">Names the parameter blocks for the report; null names the whole span <c>x</c>.</param>
    /// <param name="options">Step, tolerances, sampling, kink handling; null takes the defaults.</param>
    public static GradCheckReport Check<T, TFunction>(TFunction function, ReadOnlySpan<T> x, ParameterLayout? layout = null, GradCheckOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TFunction : IGradientFunction<T>
    {
        options ??= GradCheckOptions.Default;
        int[] coordinates = options.SparseCount is int count
            ? CoordinateSampler.Sample(x.Length, count, options.Seed)
            : CoordinateSampler.Sample(x.Length, x.Length, 0);
        return Run(function, x, coordinates, sparse: coordinates.Length < x.Length, layout, options);
    }

    /// <summary>Checks <paramref name="count"/> coordinates sampled with <see cref="GradCheckOptions.Seed"/> (the same seed, the same coordinates).</summary>
    public static GradCheckReport CheckSparse<T, TFunction>(TFunction function, ReadOnlySpan<T> x, int count, ParameterLayout? layout = null, GradCheckOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TFunction : IGradientFunction<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Check(function, x, layout, (options ?? GradCheckOptions.Default) with { SparseCount = count });
    }

    /// <summary>Checks exactly the given flat coordinates.</summary>
    public static GradCheckReport CheckCoordinates<T, TFunction>(TFunction function, ReadOnlySpan<T> x, ReadOnlySpan<int> coordinates, ParameterLayout? layout = null, GradCheckOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TFunction : IGradientFunction<T>
    {
        foreach (int c in coordinates)
        {
            if ((uint)c >= (uint)x.Length)
                throw new ArgumentOutOfRangeException(nameof(coordinates), c, $"A coordinate must lie in [0, {x.Length}).");
        }

        return Run(function, x, coordinates.ToArray(), sparse: true, layout, options ?? GradCheckOptions.Default);
    }

    /// <summary>Like <see cref="Check{T, TFunction}"/>, and throws <see cref="GradientCheckException"/> (whose message is the report) when it fails.</summary>
    /// <returns>The passing report, for further assertions.</returns>
    public static GradCheckReport Assert<T, TFunction>(TFunction function, ReadOnlySpan<T> x, ParameterLayout? layout = null, GradCheckOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TFunction : IGradientFunction<T>
    {
        var report = Check(function, x, layout, options);
        return report.Passed ? report : throw new GradientCheckException(report);
    }

    private static GradCheckReport Run<T, TFunction>(TFunction function, ReadOnlySpan<T> x, int[] coordinates, bool sparse, ParameterLayout? layout, GradCheckOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TFunction : IGradientFunction<T>
    {
        NumericStep.EnsureSupported<T>();
        // Not ThrowIfNull: that would box a struct function; this test compiles away for structs.
        if (function is null)
            throw new ArgumentNullException(nameof(function));
        layout ??= ParameterLayout.Vector(x.Length);
        if (layout.Length != x.Length)
            throw new ArgumentException($"The layout {layout} has {layout.Length} elements but x has {x.Length}.", nameof(layout));
        if (options.Step is double step && !(step > 0 && double.IsFinite(step)))
            throw new ArgumentOutOfRangeException(nameof(options), step, "GradCheckOptions.Step must be positive and finite.");
        if (options.AbsoluteTolerance is double a && !(a >= 0))
            throw new ArgumentOutOfRangeException(nameof(options), a, "GradCheckOptions.AbsoluteTolerance must be non-negative.");
        if (options.RelativeTolerance is double r && !(r >= 0))
            throw new ArgumentOutOfRangeException(nameof(options), r, "GradCheckOptions.RelativeTolerance must be non-negative.");
        if (options.MaxTieCoordinates < 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxTieCoordinates, "GradCheckOptions.MaxTieCoordinates must be non-negative.");
        if (!(options.NoiseFactor >= 0))
            throw new ArgumentOutOfRangeException(nameof(options), options.NoiseFactor, "GradCheckOptions.NoiseFactor must be non-negative.");
        for (int i = 0; i < x.Length; i++)
        {
            if (!T.IsFinite(x[i]))
                throw new ArgumentException($"x{layout.Locate(i)} is {x[i]}; the gradient can only be checked at a finite point.", nameof(x));
        }

        double atol = options.AbsoluteTolerance ?? NumericStep.DefaultAbsoluteTolerance<T>();
        double rtol = options.RelativeTolerance ?? NumericStep.DefaultRelativeTolerance<T>();

        var gradient = new T[x.Length];
        if (options.PoisonGradient)
            gradient.AsSpan().Fill(T.NaN);
        double valueFromGradient = double.CreateTruncating(function.ValueAndGradient(x, gradient));
        double value = double.CreateTruncating(function.Value(x));

        // The two entry points may sum in different orders; allow the rounding of both.
        double valueTolerance = atol + rtol * Math.Abs(value)
            + 2 * options.NoiseFactor * NumericStep.MachineEpsilon<T>() * Math.Max(Math.Abs(value), Math.Abs(valueFromGradient));

        var prober = new CoordinateProber<T, TFunction>(function, x, value, atol, rtol, options);
        var results = ImmutableArray.CreateBuilder<CoordinateCheck>(coordinates.Length);
        foreach (int i in coordinates)
            results.Add(prober.Check(i, double.CreateTruncating(gradient[i]), layout.Locate(i)));

        var checks = results.MoveToImmutable();

        var tieGroups = ImmutableArray<TieGroupCheck>.Empty;
        int tieCoordinatesLeftOut = 0;
        if (options.CheckTieGroups)
        {
            var atKink = checks.Where(c => c.Kind == CoordinateKind.AtKink).OrderBy(c => c.Coordinate.FlatIndex).ToList();
            tieCoordinatesLeftOut = Math.Max(0, atKink.Count - options.MaxTieCoordinates);
            var considered = atKink.Take(options.MaxTieCoordinates).ToList();
            tieGroups = TieGroups.Check(new DirectionalProber<T, TFunction>(function, x, value, options), considered, atol, rtol);
        }

        return new GradCheckReport(typeof(T).Name, x.Length, sparse, options.Seed, atol, rtol,
            value, valueFromGradient, valueTolerance, checks, options.ReportedWorst,
            options.CheckTieGroups, tieGroups, tieCoordinatesLeftOut);
    }
}
