using System;
using System.Numerics;

namespace LossGen.Training;

/// <summary>
/// Reusable buffers a linear objective gathers a mini-batch's rows into, because the generated
/// kernels read X and y as contiguous spans. They grow to the largest batch seen and are then
/// reused, so after the first step of full size no step allocates.
/// </summary>
internal sealed class BatchScratch<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _features = [];
    private int[] _labels = [];

    /// <summary>Copies the rows' features and labels; checks every index before copying any row.</summary>
    public void Gather(LinearDataset<T> data, ReadOnlySpan<int> rows, out ReadOnlySpan<T> x, out ReadOnlySpan<int> y)
    {
        if (rows.IsEmpty)
        {
            throw new ArgumentException("The batch is empty: rows has no indices.", nameof(rows));
        }

        int count = data.Count;
        for (int i = 0; i < rows.Length; i++)
        {
            if ((uint)rows[i] >= (uint)count)
            {
                throw new ArgumentException($"rows[{i}] = {rows[i]} is outside [0, {count}).", nameof(rows));
            }
        }

        int d = data.FeatureCount;
        if (_labels.Length < rows.Length)
        {
            _features = new T[rows.Length * d];
            _labels = new int[rows.Length];
        }

        Span<T> xs = _features.AsSpan(0, rows.Length * d);
        Span<int> ys = _labels.AsSpan(0, rows.Length);
        T[] source = data.Features;
        int[] labels = data.Labels;
        for (int i = 0; i < rows.Length; i++)
        {
            int row = rows[i];
            source.AsSpan(row * d, d).CopyTo(xs.Slice(i * d, d));
            ys[i] = labels[row];
        }

        x = xs;
        y = ys;
    }
}
