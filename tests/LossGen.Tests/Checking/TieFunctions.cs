using System;
using System.Numerics;
using LossGen.Checking;

namespace LossGen.Tests.Checking;

/// <summary>
/// L = Σ_r c·max_j x[r, j] + ½ Σ x² (the square adds curvature, so the tie check's extrapolation
/// is exercised), with the gradient at an exact tie of row r given by <c>tieGradients[r]</c>
/// (scaled by c) instead of the one-hot of the first maximum. Rows without a tie get the one-hot.
/// With <c>useMin</c> the rows take their minimum instead.
/// </summary>
internal sealed class RowMaxWithTieGradient<T>(int rows, int columns, double coefficient, double[][] tieGradients, bool useMin = false)
    : IGradientFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Value(ReadOnlySpan<T> x) => Compute(x, Span<T>.Empty);

    public T ValueAndGradient(ReadOnlySpan<T> x, Span<T> gradient) => Compute(x, gradient);

    private T Compute(ReadOnlySpan<T> x, Span<T> gradient)
    {
        T c = T.CreateTruncating(coefficient);
        T half = T.CreateTruncating(0.5);
        T total = T.Zero;
        for (int r = 0; r < rows; r++)
        {
            var row = x.Slice(r * columns, columns);
            int best = 0, ties = 1;
            for (int j = 1; j < columns; j++)
            {
                bool better = useMin ? row[j] < row[best] : row[j] > row[best];
                if (better) { best = j; ties = 1; }
                else if (row[j] == row[best]) ties++;
            }

            total += c * row[best];
            if (gradient.IsEmpty)
                continue;
            for (int j = 0; j < columns; j++)
            {
                double share = ties > 1 ? (row[j] == row[best] ? tieGradients[r][j] : 0) : (j == best ? 1 : 0);
                gradient[r * columns + j] = c * T.CreateTruncating(share) + x[r * columns + j];
            }
        }

        foreach (T v in x)
            total += half * v * v;
        return total;
    }
}

/// <summary>|x₀| − |x₁|: two independent kinks of opposite curvature, with the subgradients given at 0.</summary>
internal sealed class AbsDifference<T>(double atZero0, double atZero1) : IGradientFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Value(ReadOnlySpan<T> x) => T.Abs(x[0]) - T.Abs(x[1]);

    public T ValueAndGradient(ReadOnlySpan<T> x, Span<T> gradient)
    {
        gradient[0] = x[0] == T.Zero ? T.CreateTruncating(atZero0) : T.CopySign(T.One, x[0]);
        gradient[1] = x[1] == T.Zero ? T.CreateTruncating(atZero1) : -T.CopySign(T.One, x[1]);
        return Value(x);
    }
}
