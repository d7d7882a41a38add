using System;
using System.Numerics.Tensors;

namespace LossGen.Benchmarks.Peers;

/// <summary>
/// Linear softmax value and gradient built from <see cref="TensorPrimitives"/> calls: W transposed once
/// per call so each class's weights are contiguous, then per row a <c>Dot</c> per class, the softmax,
/// and an axpy (<c>MultiplyAdd</c>) per class into the transposed gradient, transposed back at the end.
/// </summary>
internal static class LinearSoftmaxTensorPrimitives
{
    /// <param name="scratch">At least 2·D·C + C elements.</param>
    public static float ValueAndGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, ReadOnlySpan<int> y,
        int n, int d, int c, float lambda, Span<float> dw, Span<float> db, Span<float> scratch)
    {
        PeerChecks.LinearModel(x, w, b, y, n, d, c, dw, db);
        var wt = scratch[..(d * c)];
        var dwt = scratch.Slice(d * c, d * c);
        var s = scratch.Slice(2 * d * c, c);
        for (int k = 0; k < d; k++)
            for (int j = 0; j < c; j++) wt[j * d + k] = w[k * c + j];
        dwt.Clear();
        db.Clear();
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            var xi = x.Slice(i * d, d);
            for (int j = 0; j < c; j++) s[j] = TensorPrimitives.Dot(xi, wt.Slice(j * d, d)) + b[j];
            float max = TensorPrimitives.Max(s);
            TensorPrimitives.Subtract(s, max, s);
            TensorPrimitives.Exp(s, s);
            float sum = TensorPrimitives.Sum(s);
            total += max + MathF.Log(sum) - (MathF.Log(s[y[i]]) + max);
            TensorPrimitives.Multiply(s, 1f / (sum * n), s);
            s[y[i]] -= 1f / n;
            TensorPrimitives.Add(db, s, db);
            for (int j = 0; j < c; j++)
            {
                var row = dwt.Slice(j * d, d);
                TensorPrimitives.MultiplyAdd(xi, s[j], row, row);
            }
        }
        for (int k = 0; k < d; k++)
            for (int j = 0; j < c; j++) dw[k * c + j] = dwt[j * d + k] + 2f * lambda * w[k * c + j];
        return (float)(total / n + lambda * TensorPrimitives.SumOfSquares(w));
    }
}
