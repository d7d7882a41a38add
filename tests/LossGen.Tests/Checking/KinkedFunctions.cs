using System;
using System.Numerics;
using LossGen.Checking;

namespace LossGen.Tests.Checking;

// Hand-written functions with kinks and their subgradients, using the convention the generator
// uses: a hinge's slope is taken as 0 exactly at the kink (strict "> 0"), and sign(0) = 0.

/// <summary>L = (1/N) Σ_i Σ_{j≠y_i} max(0, s_ij − s_iy + 1), optionally squared (squared hinge).</summary>
internal readonly struct MulticlassSvm<T>(int rows, int classes, int[] labels, bool squared = false) : IGradientFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Value(ReadOnlySpan<T> s) => Compute(s, Span<T>.Empty);

    public T ValueAndGradient(ReadOnlySpan<T> s, Span<T> gradient) => Compute(s, gradient);

    private T Compute(ReadOnlySpan<T> s, Span<T> gradient)
    {
        T n = T.CreateTruncating(rows);
        T two = T.CreateTruncating(2);
        if (!gradient.IsEmpty)
            gradient.Clear();
        T total = T.Zero;
        for (int i = 0; i < rows; i++)
        {
            int y = labels[i];
            for (int j = 0; j < classes; j++)
            {
                if (j == y)
                    continue;
                T margin = s[i * classes + j] - s[i * classes + y] + T.One;
                if (margin > T.Zero)
                {
                    total += squared ? margin * margin : margin;
                    if (!gradient.IsEmpty)
                    {
                        T slope = (squared ? two * margin : T.One) / n;
                        gradient[i * classes + j] += slope;
                        gradient[i * classes + y] -= slope;
                    }
                }
            }
        }

        return total / n;
    }
}

/// <summary>Σ |w| with the subgradient at 0 given (0 is the convention; anything outside [−1, 1] is wrong).</summary>
internal readonly struct L1<T>(T subgradientAtZero) : IGradientFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Value(ReadOnlySpan<T> w)
    {
        T sum = T.Zero;
        foreach (T v in w)
            sum += T.Abs(v);
        return sum;
    }

    public T ValueAndGradient(ReadOnlySpan<T> w, Span<T> gradient)
    {
        for (int i = 0; i < w.Length; i++)
            gradient[i] = w[i] > T.Zero ? T.One : w[i] < T.Zero ? -T.One : subgradientAtZero;
        return Value(w);
    }
}

/// <summary>Σ c_i · max(0, x_i) with weights c_i = (i % 3) − 0.75, so some slopes are negative.</summary>
internal readonly struct WeightedRelu<T> : IGradientFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Weight(int i) => T.CreateTruncating(i % 3 - 0.75);

    public T Value(ReadOnlySpan<T> x)
    {
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
            sum += Weight(i) * T.Max(T.Zero, x[i]);
        return sum;
    }

    public T ValueAndGradient(ReadOnlySpan<T> x, Span<T> gradient)
    {
        for (int i = 0; i < x.Length; i++)
            gradient[i] = x[i] > T.Zero ? Weight(i) : T.Zero;
        return Value(x);
    }
}

/// <summary>The kinks of Σ|w| or Σ max(0, w): along coordinate i, the only kink is at w_i = 0.</summary>
internal sealed class ZeroKinkOracle : IKinkOracle
{
    public KinkAnswer Locate(ReadOnlySpan<double> x, int coordinate, out double distance)
    {
        distance = Math.Abs(x[coordinate]);
        return KinkAnswer.Kink;
    }
}

/// <summary>An oracle that claims there are no kinks: lets a test show the oracle is what is used.</summary>
internal sealed class NoKinkOracle : IKinkOracle
{
    public KinkAnswer Locate(ReadOnlySpan<double> x, int coordinate, out double distance)
    {
        distance = 0;
        return KinkAnswer.Smooth;
    }
}

/// <summary>An oracle that cannot tell for any coordinate (what a compiler answers for a kink it cannot locate).</summary>
internal sealed class UndecidedKinkOracle : IKinkOracle
{
    public KinkAnswer Locate(ReadOnlySpan<double> x, int coordinate, out double distance)
    {
        distance = double.NaN;
        return KinkAnswer.Unknown;
    }
}
