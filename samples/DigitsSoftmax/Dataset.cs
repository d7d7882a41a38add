using System;

namespace DigitsSoftmax;

/// <summary>
/// Labelled samples stored the way the generated kernels want them: one row-major
/// <c>[Count, FeatureCount]</c> feature array and one label array, so a whole set (or a slice of
/// rows) can be handed to <c>LinearSoftmax</c> as spans without copying.
/// </summary>
public sealed class Dataset
{
    public Dataset(float[] features, int[] labels, int featureCount, int classCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        if (features.Length != labels.Length * featureCount)
        {
            throw new ArgumentException(
                $"features has {features.Length} values; {labels.Length} rows × {featureCount} features need {labels.Length * featureCount}.",
                nameof(features));
        }

        Features = features;
        Labels = labels;
        FeatureCount = featureCount;
        ClassCount = classCount;
    }

    /// <summary>Row-major <c>[Count, FeatureCount]</c>.</summary>
    public float[] Features { get; }

    /// <summary>One label per row, each in <c>[0, ClassCount)</c>.</summary>
    public int[] Labels { get; }

    public int FeatureCount { get; }

    public int ClassCount { get; }

    public int Count => Labels.Length;

    public ReadOnlySpan<float> Row(int index) => Features.AsSpan(index * FeatureCount, FeatureCount);

    /// <summary>A new data set holding copies of the given rows, in the given order.</summary>
    public Dataset Select(ReadOnlySpan<int> rows)
    {
        var features = new float[rows.Length * FeatureCount];
        var labels = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            Row(rows[i]).CopyTo(features.AsSpan(i * FeatureCount, FeatureCount));
            labels[i] = Labels[rows[i]];
        }

        return new Dataset(features, labels, FeatureCount, ClassCount);
    }
}
