using System;
using System.Numerics.Tensors;

namespace LossGen.Benchmarks.Peers;

/// <summary>
/// Softmax cross-entropy value and gradient composed from <see cref="TensorPrimitives"/> calls per
/// row. <see cref="TensorPrimitives.SoftMax{T}(ReadOnlySpan{T}, Span{T})"/> is deliberately not used:
/// it does not subtract the row maximum, so it overflows to NaN for scores above ~88.
/// </summary>
public static class SoftmaxCrossEntropyTensorPrimitives
{
    /// <inheritdoc cref="SoftmaxCrossEntropyNaive.ValueAndGradient"/>
    public static float ValueAndGradient(ReadOnlySpan<float> s, ReadOnlySpan<int> y, int n, int c, Span<float> ds)
    {
        PeerChecks.ScoresAndLabels(s, y, n, c, ds);
        float invN = 1f / n;
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> row = s.Slice(i * c, c);
            Span<float> dRow = ds.Slice(i * c, c);
            int yi = y[i];

            float max = TensorPrimitives.Max<float>(row);
            TensorPrimitives.Subtract(row, max, dRow);
            TensorPrimitives.Exp<float>(dRow, dRow);
            float sum = TensorPrimitives.Sum<float>(dRow);
            total += (max - row[yi]) + MathF.Log(sum);

            TensorPrimitives.Multiply(dRow, invN / sum, dRow);
            dRow[yi] -= invN;
        }

        return (float)(total / n);
    }
}
