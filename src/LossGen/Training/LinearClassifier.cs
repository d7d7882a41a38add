using System;
using System.Numerics;

namespace LossGen.Training;

/// <summary>
/// Predictions of a linear classifier whose parameters are one flat vector
/// <c>[W (D×C, row-major) | b (C)]</c>, the layout of the linear objectives here.
/// </summary>
public static class LinearClassifier
{
    /// <summary>The class with the highest score <c>xW + b</c> (the first on ties).</summary>
    public static int Predict<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> x, int classCount)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int d = x.Length;
        CheckLength(parameters.Length, d * classCount + classCount, nameof(parameters));
        ReadOnlySpan<T> b = parameters.Slice(d * classCount, classCount);
        int best = 0;
        T bestScore = T.NegativeInfinity;
        for (int j = 0; j < classCount; j++)
        {
            T s = b[j];
            for (int k = 0; k < d; k++)
            {
                s += x[k] * parameters[k * classCount + j];
            }

            if (s > bestScore)
            {
                bestScore = s;
                best = j;
            }
        }

        return best;
    }

    /// <summary>Fraction of rows whose predicted class equals the label.</summary>
    public static double Accuracy<T>(ReadOnlySpan<T> parameters, LinearDataset<T> data)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        int correct = 0;
        for (int i = 0; i < data.Count; i++)
        {
            if (Predict(parameters, data.Row(i), data.ClassCount) == data.Labels[i])
            {
                correct++;
            }
        }

        return (double)correct / data.Count;
    }

    /// <summary>A validation metric (higher is better) for <see cref="Trainer{TObjective, TOptimizer, TSchedule, T}"/>.</summary>
    public static ValidationMetric<T> AccuracyOn<T>(LinearDataset<T> validation)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(validation);
        return parameters => Accuracy(parameters, validation);
    }

    internal static void CheckLength(int actual, int expected, string parameter)
    {
        if (actual != expected)
        {
            throw new ArgumentException(
                $"'{parameter}' has length {actual}; the layout [W (D×C) | b (C)] needs {expected}.", parameter);
        }
    }
}
