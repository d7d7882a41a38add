using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Training;

namespace LossGen.Search;

/// <summary>
/// The hyper-parameters a search varies, and the configurations drawn from them: every
/// combination (<see cref="Grid"/>) or a seeded random sample (<see cref="Random"/>).
/// </summary>
/// <remarks>
/// Random search usually beats a grid of the same size when only a few of the dimensions matter
/// (Bergstra &amp; Bengio, 2012): a grid tries only <c>gridPoints</c> distinct values of each.
/// </remarks>
public sealed class SearchSpace
{
    private readonly SearchDimension[] _dimensions;

    /// <summary>A space over the given dimensions, whose names must differ.</summary>
    public SearchSpace(params SearchDimension[] dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        if (dimensions.Length == 0)
        {
            throw new ArgumentException("A search space needs at least one dimension.", nameof(dimensions));
        }

        for (int i = 0; i < dimensions.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(dimensions[i], $"dimensions[{i}]");
            for (int j = 0; j < i; j++)
            {
                if (dimensions[j].Name == dimensions[i].Name)
                {
                    throw new ArgumentException($"dimensions[{j}] and dimensions[{i}] are both named '{dimensions[i].Name}'.", nameof(dimensions));
                }
            }
        }

        _dimensions = (SearchDimension[])dimensions.Clone();
    }

    /// <summary>The dimensions, in the order given.</summary>
    public IReadOnlyList<SearchDimension> Dimensions => _dimensions;

    /// <summary>
    /// Every combination of the dimensions' <see cref="SearchDimension.GridValues"/>, the last
    /// dimension varying fastest.
    /// </summary>
    public IReadOnlyList<HyperParameters> Grid()
    {
        string[] names = Names();
        long total = 1;
        foreach (SearchDimension dimension in _dimensions)
        {
            total = checked(total * dimension.GridValues.Count);
        }

        if (total > 1_000_000)
        {
            throw new InvalidOperationException($"The grid has {total} configurations; more than 1,000,000 is almost certainly a mistake (use Random).");
        }

        var configurations = new List<HyperParameters>((int)total);
        var index = new int[_dimensions.Length];
        for (long c = 0; c < total; c++)
        {
            configurations.Add(new HyperParameters(names, _dimensions.Select((d, k) => d.GridValues[index[k]]).ToArray()));
            for (int k = _dimensions.Length - 1; k >= 0; k--)
            {
                if (++index[k] < _dimensions[k].GridValues.Count)
                {
                    break;
                }

                index[k] = 0;
            }
        }

        return configurations;
    }

    /// <summary>
    /// <paramref name="count"/> configurations, each dimension drawn independently by
    /// <see cref="SearchDimension.Sample"/>; the same seed gives the same list.
    /// </summary>
    public IReadOnlyList<HyperParameters> Random(int count, ulong seed)
    {
        if (count < 1)
        {
            throw new ArgumentException($"count must be at least 1, but is {count}.", nameof(count));
        }

        string[] names = Names();
        var random = new TrainingRandom(seed);
        var configurations = new List<HyperParameters>(count);
        for (int c = 0; c < count; c++)
        {
            var values = new double[_dimensions.Length];
            for (int k = 0; k < values.Length; k++)
            {
                values[k] = _dimensions[k].Sample(ref random);
            }

            configurations.Add(new HyperParameters(names, values));
        }

        return configurations;
    }

    private string[] Names() => _dimensions.Select(d => d.Name).ToArray();
}
