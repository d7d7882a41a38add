using System;
using System.Numerics;
using LossGen.Training;

namespace LossGen.Search;

/// <summary>Row operations on data sets that the search needs and <see cref="LinearDataset{T}"/> does not offer.</summary>
internal static class DatasetRows
{
    /// <summary>The rows of <paramref name="first"/> followed by those of <paramref name="second"/>, copied.</summary>
    public static LinearDataset<T> Concat<T>(LinearDataset<T> first, LinearDataset<T> second)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] features = [.. first.Features, .. second.Features];
        int[] labels = [.. first.Labels, .. second.Labels];
        return new LinearDataset<T>(features, labels, first.FeatureCount, first.ClassCount);
    }
}
