using System;
using System.Numerics;
using LossGen.Training;

namespace LossGen.Data;

/// <summary>
/// Per-feature standardization <c>z = (x − mean) / std</c> with statistics fitted on one data set
/// — the training split only, so nothing of the validation or test rows leaks into the model.
/// Mean and std are computed in double, two-pass; std is the population deviation (divides by N,
/// numpy's default <c>ddof=0</c>). A column whose std is 0 (constant in the training rows) gets
/// std 1, so it becomes <c>x − mean</c>: 0 on the training rows, never a division by zero.
/// </summary>
public sealed class Standardizer
{
    /// <summary>Creates a standardizer from known statistics (for example read from a model file).</summary>
    /// <param name="mean">Per-feature mean.</param>
    /// <param name="scale">Per-feature divisor: the std, or 1 for a constant column; positive and finite.</param>
    /// <exception cref="ArgumentException">Lengths differ, are 0, or a value is not finite / a scale not positive.</exception>
    public Standardizer(double[] mean, double[] scale)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(scale);
        if (mean.Length == 0 || mean.Length != scale.Length)
        {
            throw new ArgumentException($"mean has {mean.Length} features and scale {scale.Length}; they must be equal and positive.", nameof(scale));
        }

        for (int k = 0; k < mean.Length; k++)
        {
            if (!double.IsFinite(mean[k]))
            {
                throw new ArgumentException($"mean[{k}] = {mean[k]} is not finite.", nameof(mean));
            }

            if (!(scale[k] > 0 && double.IsFinite(scale[k])))
            {
                throw new ArgumentException($"scale[{k}] = {scale[k]} is not positive and finite.", nameof(scale));
            }
        }

        Mean = mean;
        Scale = scale;
    }

    /// <summary>Per-feature mean of the fitted rows.</summary>
    public double[] Mean { get; }

    /// <summary>Per-feature divisor: the population std of the fitted rows, or 1 where that std is 0.</summary>
    public double[] Scale { get; }

    /// <summary>The number of features.</summary>
    public int FeatureCount => Mean.Length;

    /// <summary>Fits the statistics on <paramref name="train"/> (pass the training split only).</summary>
    /// <typeparam name="T">The element type of the features.</typeparam>
    /// <param name="train">The rows whose per-feature mean and std are taken.</param>
    /// <returns>The fitted standardizer.</returns>
    public static Standardizer Fit<T>(LinearDataset<T> train)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(train);
        int d = train.FeatureCount;
        var mean = new double[d];
        var scale = new double[d];
        for (int i = 0; i < train.Count; i++)
        {
            ReadOnlySpan<T> row = train.Row(i);
            for (int k = 0; k < d; k++)
            {
                mean[k] += double.CreateChecked(row[k]);
            }
        }

        for (int k = 0; k < d; k++)
        {
            mean[k] /= train.Count;
        }

        for (int i = 0; i < train.Count; i++)
        {
            ReadOnlySpan<T> row = train.Row(i);
            for (int k = 0; k < d; k++)
            {
                double deviation = double.CreateChecked(row[k]) - mean[k];
                scale[k] += deviation * deviation;
            }
        }

        for (int k = 0; k < d; k++)
        {
            double std = Math.Sqrt(scale[k] / train.Count);
            scale[k] = std > 0 ? std : 1;
        }

        return new Standardizer(mean, scale);
    }

    /// <summary>Standardizes one row in place.</summary>
    /// <typeparam name="T">The element type of the features.</typeparam>
    /// <param name="row">A row of <see cref="FeatureCount"/> features.</param>
    /// <exception cref="ArgumentException">The row's length is not <see cref="FeatureCount"/>.</exception>
    public void TransformInPlace<T>(Span<T> row)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (row.Length != FeatureCount)
        {
            throw new ArgumentException($"row has {row.Length} features; this standardizer was fitted on {FeatureCount}.", nameof(row));
        }

        for (int k = 0; k < row.Length; k++)
        {
            row[k] = T.CreateChecked((double.CreateChecked(row[k]) - Mean[k]) / Scale[k]);
        }
    }

    /// <summary>A standardized copy of <paramref name="data"/> (same labels).</summary>
    /// <typeparam name="T">The element type of the features.</typeparam>
    /// <param name="data">Rows with <see cref="FeatureCount"/> features.</param>
    /// <returns>The new data set.</returns>
    /// <exception cref="ArgumentException">The data's feature count is not <see cref="FeatureCount"/>.</exception>
    public LinearDataset<T> Transform<T>(LinearDataset<T> data)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != FeatureCount)
        {
            throw new ArgumentException($"data has {data.FeatureCount} features; this standardizer was fitted on {FeatureCount}.", nameof(data));
        }

        var features = (T[])data.Features.Clone();
        for (int i = 0; i < data.Count; i++)
        {
            TransformInPlace(features.AsSpan(i * FeatureCount, FeatureCount));
        }

        return new LinearDataset<T>(features, (int[])data.Labels.Clone(), FeatureCount, data.ClassCount);
    }
}
