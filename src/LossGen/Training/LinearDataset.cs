using System;
using System.Numerics;

namespace LossGen.Training;

/// <summary>
/// Labelled examples for a linear classifier: row-major features <c>[Count, FeatureCount]</c> and a
/// label in <c>[0, ClassCount)</c> per row. The arrays are used as given (not copied).
/// </summary>
public sealed class LinearDataset<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Wraps the arrays (not copied) after validating them.</summary>
    /// <param name="features">Row-major features, <c>labels.Length × featureCount</c> values.</param>
    /// <param name="labels">One class label per row, each in <c>[0, classCount)</c>; at least one row.</param>
    /// <param name="featureCount">Features per row (D), positive.</param>
    /// <param name="classCount">Number of classes (C), at least 2.</param>
    /// <exception cref="ArgumentNullException">An array is null.</exception>
    /// <exception cref="ArgumentException">A count is out of range, there are no rows, the lengths disagree, or a label is outside <c>[0, classCount)</c>.</exception>
    public LinearDataset(T[] features, int[] labels, int featureCount, int classCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (featureCount <= 0)
        {
            throw new ArgumentException($"featureCount must be positive, but is {featureCount}.", nameof(featureCount));
        }

        if (classCount < 2)
        {
            throw new ArgumentException($"classCount must be at least 2, but is {classCount}.", nameof(classCount));
        }

        if (labels.Length == 0)
        {
            throw new ArgumentException("The data set is empty: labels has no rows.", nameof(labels));
        }

        if (features.Length != (long)labels.Length * featureCount)
        {
            throw new ArgumentException(
                $"features has {features.Length} values; {labels.Length} rows × {featureCount} features need {(long)labels.Length * featureCount}.",
                nameof(features));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentException($"labels[{i}] = {labels[i]} is outside [0, {classCount}).", nameof(labels));
            }
        }

        Features = features;
        Labels = labels;
        FeatureCount = featureCount;
        ClassCount = classCount;
    }

    /// <summary>The features, row-major <c>[Count, FeatureCount]</c> (the caller's array).</summary>
    public T[] Features { get; }

    /// <summary>The label of each row, in <c>[0, ClassCount)</c> (the caller's array).</summary>
    public int[] Labels { get; }

    /// <summary>Features per row (D).</summary>
    public int FeatureCount { get; }

    /// <summary>Number of classes (C).</summary>
    public int ClassCount { get; }

    /// <summary>Number of rows (examples).</summary>
    public int Count => Labels.Length;

    /// <summary>Length of the flat parameter vector <c>[W (D×C, row-major) | b (C)]</c>.</summary>
    public int ParameterCount => FeatureCount * ClassCount + ClassCount;

    /// <summary>The <see cref="FeatureCount"/> features of row <paramref name="index"/>, a view of <see cref="Features"/>.</summary>
    public ReadOnlySpan<T> Row(int index) => Features.AsSpan(index * FeatureCount, FeatureCount);

    /// <summary>A new data set with copies of the given rows, in that order.</summary>
    public LinearDataset<T> Select(ReadOnlySpan<int> rows)
    {
        var features = new T[rows.Length * FeatureCount];
        var labels = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            if ((uint)rows[i] >= (uint)Count)
            {
                throw new ArgumentException($"rows[{i}] = {rows[i]} is outside [0, {Count}).", nameof(rows));
            }

            Row(rows[i]).CopyTo(features.AsSpan(i * FeatureCount, FeatureCount));
            labels[i] = Labels[rows[i]];
        }

        return new LinearDataset<T>(features, labels, FeatureCount, ClassCount);
    }

    /// <summary>
    /// A seeded random split: round(Count × validationFraction) rows for validation, the rest for
    /// training; both parts keep at least one row.
    /// </summary>
    public (LinearDataset<T> Train, LinearDataset<T> Validation) Split(double validationFraction, ulong seed)
    {
        if (!(validationFraction > 0 && validationFraction < 1))
        {
            throw new ArgumentException($"validationFraction must be strictly between 0 and 1, but is {validationFraction}.", nameof(validationFraction));
        }

        int validationCount = (int)Math.Round(Count * validationFraction);
        if (validationCount < 1 || validationCount >= Count)
        {
            throw new ArgumentException(
                $"A fraction {validationFraction} of {Count} rows leaves one side of the split empty.", nameof(validationFraction));
        }

        int[] order = new int[Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        new TrainingRandom(seed).Shuffle(order);
        ReadOnlySpan<int> rows = order;
        return (Select(rows[validationCount..]), Select(rows[..validationCount]));
    }
}
