using System;

namespace DigitsSoftmax;

/// <summary>
/// The linear score function <c>s = xW + b</c> with <c>W</c> row-major <c>[D, C]</c> — the layout
/// <c>LinearSoftmax</c> expects, so the arrays are passed to it as they are.
/// </summary>
public sealed class LinearModel
{
    public LinearModel(int featureCount, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        FeatureCount = featureCount;
        ClassCount = classCount;

        // Zero start: the objective is convex, so the start does not change where SGD ends up, and
        // unlike hidden units the class columns need no random symmetry breaking — each column's
        // gradient differs from the first step because the labels differ. Zero is also the
        // start that needs no seed and gives loss ln(C) at step one, an easy sanity check.
        Weights = new float[featureCount * classCount];
        Bias = new float[classCount];
    }

    public int FeatureCount { get; }

    public int ClassCount { get; }

    /// <summary>Row-major <c>[FeatureCount, ClassCount]</c>.</summary>
    public float[] Weights { get; }

    /// <summary><c>[ClassCount]</c>.</summary>
    public float[] Bias { get; }

    /// <summary>The class with the highest score (the first one on a tie).</summary>
    public int Predict(ReadOnlySpan<float> x)
    {
        if (x.Length != FeatureCount)
        {
            throw new ArgumentException($"x has {x.Length} features; the model expects {FeatureCount}.", nameof(x));
        }

        // C is small (10 here), so the scores fit on the stack; the k-outer loop walks W row by row.
        Span<float> scores = stackalloc float[ClassCount];
        Bias.CopyTo(scores);
        for (int k = 0; k < FeatureCount; k++)
        {
            float xk = x[k];
            ReadOnlySpan<float> row = Weights.AsSpan(k * ClassCount, ClassCount);
            for (int j = 0; j < ClassCount; j++)
            {
                scores[j] += xk * row[j];
            }
        }

        int best = 0;
        for (int j = 1; j < ClassCount; j++)
        {
            if (scores[j] > scores[best])
            {
                best = j;
            }
        }

        return best;
    }

    /// <summary>The fraction of rows whose prediction equals the label.</summary>
    public double Accuracy(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int correct = 0;
        for (int i = 0; i < data.Count; i++)
        {
            if (Predict(data.Row(i)) == data.Labels[i])
            {
                correct++;
            }
        }

        return data.Count == 0 ? 0 : (double)correct / data.Count;
    }

    /// <summary>Counts <c>[true class, predicted class]</c>.</summary>
    public int[,] ConfusionMatrix(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var counts = new int[ClassCount, ClassCount];
        for (int i = 0; i < data.Count; i++)
        {
            counts[data.Labels[i], Predict(data.Row(i))]++;
        }

        return counts;
    }
}
