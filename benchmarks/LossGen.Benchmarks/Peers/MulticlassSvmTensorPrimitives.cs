using System;
using System.Buffers;
using System.Numerics.Tensors;

namespace LossGen.Benchmarks.Peers;

/// <summary>
/// Multiclass SVM value and gradient composed from <see cref="TensorPrimitives"/> calls, one row at a
/// time — how a developer who knows that library would vectorize the loss without writing
/// intrinsics. Each call is a separate SIMD pass over the row; the gap to a fused kernel is
/// exactly the cost of those extra passes.
/// </summary>
public static class MulticlassSvmTensorPrimitives
{
    // Rows up to this many classes keep the int scratch on the stack (4 KiB), so the common case allocates nothing.
    private const int StackLimit = 1024;

    /// <inheritdoc cref="MulticlassSvmNaive.ValueAndGradient"/>
    public static float ValueAndGradient(ReadOnlySpan<float> s, ReadOnlySpan<int> y, int n, int c, Span<float> ds, float delta = 1f)
    {
        PeerChecks.ScoresAndLabels(s, y, n, c, ds);

        int[]? rented = null;
        Span<int> signs = c <= StackLimit ? stackalloc int[StackLimit] : (rented = ArrayPool<int>.Shared.Rent(c));
        signs = signs[..c];

        float invN = 1f / n;
        double total = 0; // double across rows for the same reason as the naive peer
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> row = s.Slice(i * c, c);
            Span<float> dRow = ds.Slice(i * c, c);
            int yi = y[i];

            // margins: s_ij − s_iy + Δ, built directly in the gradient row to avoid a scratch row.
            TensorPrimitives.Add(row, delta - row[yi], dRow);
            // The j = y_i term would contribute Δ; zero it so the hinge below ignores it.
            dRow[yi] = 0f;
            TensorPrimitives.Max(dRow, 0f, dRow);
            total += TensorPrimitives.Sum<float>(dRow);

            // Indicator of a strictly positive hinge: Sign maps it to 1 and the kink (0) to 0.
            TensorPrimitives.Sign<float>(dRow, signs);
            TensorPrimitives.ConvertTruncating<int, float>(signs, dRow);
            float violated = TensorPrimitives.Sum<float>(dRow);
            TensorPrimitives.Multiply(dRow, invN, dRow);
            dRow[yi] = -violated * invN;
        }

        if (rented is not null)
        {
            ArrayPool<int>.Shared.Return(rented);
        }

        return (float)(total / n);
    }
}
