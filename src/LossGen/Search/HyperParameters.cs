using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LossGen.Search;

/// <summary>
/// One configuration of a search: a value for every dimension of its <see cref="SearchSpace"/>,
/// looked up by name. Immutable, so configurations can be scored on several threads at once.
/// </summary>
public sealed class HyperParameters
{
    private readonly string[] _names;
    private readonly double[] _values;

    /// <summary>A configuration with the given names and values, in that order.</summary>
    /// <exception cref="ArgumentException">The lists differ in length, or a name repeats.</exception>
    public HyperParameters(IReadOnlyList<string> names, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(values);
        if (names.Count != values.Count)
        {
            throw new ArgumentException($"names has {names.Count} entries but values has {values.Count}.", nameof(values));
        }

        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            throw new ArgumentException($"A name repeats in [{string.Join(", ", names)}].", nameof(names));
        }

        _names = names.ToArray();
        _values = values.ToArray();
    }

    /// <summary>The hyper-parameters' names, in the order of the search space's dimensions.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The values, in the order of <see cref="Names"/>.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>The value of <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The configuration has no such name; the message lists those it has.</exception>
    public double this[string name] => TryGet(name, out double value)
        ? value
        : throw new KeyNotFoundException($"No hyper-parameter '{name}' in this configuration; it has [{string.Join(", ", _names)}].");

    /// <summary>The value of <paramref name="name"/>, or false when the configuration does not set it.</summary>
    public bool TryGet(string name, out double value)
    {
        int index = Array.IndexOf(_names, name);
        value = index >= 0 ? _values[index] : double.NaN;
        return index >= 0;
    }

    /// <summary>The value of <paramref name="name"/>, or <paramref name="fallback"/> when the search does not vary it.</summary>
    public double GetOrDefault(string name, double fallback) => TryGet(name, out double value) ? value : fallback;

    /// <summary><c>name=value</c> pairs in invariant culture, e.g. <c>lr=0.1, lambda=0.001</c>.</summary>
    public override string ToString() =>
        string.Join(", ", _names.Select((n, i) => n + "=" + _values[i].ToString("G4", CultureInfo.InvariantCulture)));
}
