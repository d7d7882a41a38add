using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LossGen.Training;

namespace LossGen.Search;

/// <summary>
/// One hyper-parameter of a search: its name and the values it may take, either listed
/// (<see cref="Values"/>) or drawn from a range, evenly (<see cref="Uniform"/>) or evenly in the
/// logarithm (<see cref="LogUniform"/>, the right scale for a learning rate or an L2 strength λ,
/// whose useful values span decades).
/// </summary>
/// <remarks>
/// A grid search takes <see cref="GridValues"/>; a random search draws with <see cref="Sample"/>.
/// For a range, the grid holds <c>gridPoints</c> values from the minimum to the maximum inclusive.
/// </remarks>
public sealed class SearchDimension
{
    private readonly DimensionKind _kind;
    private readonly double[] _values;

    private SearchDimension(string name, DimensionKind kind, double min, double max, double[] values)
    {
        Name = name;
        _kind = kind;
        Min = min;
        Max = max;
        _values = values;
    }

    private enum DimensionKind
    {
        Values,
        Uniform,
        LogUniform,
    }

    /// <summary>The name the scorer looks the value up by, in <see cref="HyperParameters"/>.</summary>
    public string Name { get; }

    /// <summary>The smallest value the dimension can take.</summary>
    public double Min { get; }

    /// <summary>The largest value the dimension can take.</summary>
    public double Max { get; }

    /// <summary>True when values are spaced evenly in the logarithm (grid and random draws alike).</summary>
    public bool IsLogarithmic => _kind == DimensionKind.LogUniform;

    /// <summary>The values a grid search visits, in increasing order for a range and as listed otherwise.</summary>
    public IReadOnlyList<double> GridValues => _values;

    /// <summary>A fixed list of values; a random search picks one of them with equal probability.</summary>
    /// <param name="name">The hyper-parameter's name, not empty.</param>
    /// <param name="values">At least one finite value.</param>
    public static SearchDimension Values(string name, params double[] values)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            throw new ArgumentException($"The dimension '{name}' needs at least one value.", nameof(values));
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"values[{i}] of '{name}' is {values[i]}; every value must be finite.", nameof(values));
            }
        }

        double[] copy = (double[])values.Clone();
        return new SearchDimension(name, DimensionKind.Values, copy.Min(), copy.Max(), copy);
    }

    /// <summary>Values evenly spread over [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <param name="name">The hyper-parameter's name, not empty.</param>
    /// <param name="min">The lower end, finite.</param>
    /// <param name="max">The upper end, finite and ≥ <paramref name="min"/>.</param>
    /// <param name="gridPoints">How many values a grid search visits, ≥ 1 (1 takes the minimum; 2 or more include both ends).</param>
    public static SearchDimension Uniform(string name, double min, double max, int gridPoints = 5)
    {
        CheckName(name);
        CheckRange(name, min, max, gridPoints, positive: false);
        return new SearchDimension(name, DimensionKind.Uniform, min, max, Spaced(min, max, gridPoints, x => x, x => x));
    }

    /// <summary>
    /// Values evenly spread in log over [<paramref name="min"/>, <paramref name="max"/>], both
    /// positive: a random draw is <c>exp(U(ln min, ln max))</c>, so each decade is equally likely.
    /// </summary>
    /// <param name="name">The hyper-parameter's name, not empty.</param>
    /// <param name="min">The lower end, positive and finite.</param>
    /// <param name="max">The upper end, finite and ≥ <paramref name="min"/>.</param>
    /// <param name="gridPoints">How many values a grid search visits, ≥ 1 (2 or more include both ends).</param>
    public static SearchDimension LogUniform(string name, double min, double max, int gridPoints = 5)
    {
        CheckName(name);
        CheckRange(name, min, max, gridPoints, positive: true);
        return new SearchDimension(name, DimensionKind.LogUniform, min, max, Spaced(min, max, gridPoints, Math.Log, Math.Exp));
    }

    /// <summary>One random value of this dimension, drawn from <paramref name="random"/>.</summary>
    public double Sample(ref TrainingRandom random)
    {
        switch (_kind)
        {
            case DimensionKind.Values:
                return _values[random.NextInt(_values.Length)];
            case DimensionKind.Uniform:
                return Lerp(Min, Max, NextUnit(ref random));
            default:
                return Math.Exp(Lerp(Math.Log(Min), Math.Log(Max), NextUnit(ref random)));
        }
    }

    /// <inheritdoc/>
    public override string ToString() => _kind switch
    {
        DimensionKind.Values => string.Create(CultureInfo.InvariantCulture, $"{Name} ∈ {{{string.Join(", ", _values)}}}"),
        DimensionKind.Uniform => string.Create(CultureInfo.InvariantCulture, $"{Name} ~ U[{Min}, {Max}]"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Name} ~ logU[{Min}, {Max}]"),
    };

    // 53 random bits in [0, 1): every double of that form is equally likely.
    private static double NextUnit(ref TrainingRandom random) => (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));

    private static double Lerp(double a, double b, double u) => a + (b - a) * u;

    private static double[] Spaced(double min, double max, int count, Func<double, double> to, Func<double, double> from)
    {
        var values = new double[count];
        double a = to(min), b = to(max);
        for (int i = 0; i < count; i++)
        {
            values[i] = count == 1 ? min : from(Lerp(a, b, (double)i / (count - 1)));
        }

        if (count > 1)
        {
            // The ends exactly as given, not as exp(log(x)) rounded them.
            values[0] = min;
            values[^1] = max;
        }

        return values;
    }

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A search dimension needs a name.", nameof(name));
        }
    }

    private static void CheckRange(string name, double min, double max, int gridPoints, bool positive)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || max < min)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The range of '{name}' is [{min}, {max}]; both ends must be finite and min ≤ max."),
                nameof(max));
        }

        if (positive && !(min > 0))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A log-uniform range needs min > 0, but '{name}' has min = {min}."), nameof(min));
        }

        if (gridPoints < 1)
        {
            throw new ArgumentException($"gridPoints of '{name}' must be at least 1, but is {gridPoints}.", nameof(gridPoints));
        }
    }
}
