using System;
using System.Numerics;
using LossGen.Checking;

namespace LossGen.Tests.Checking;

// Hand-written reference functions with correct analytic gradients, generic so each runs in both
// float and double. They are deliberately plain loops: they are the ground truth of the tests.

/// <summary>Mean softmax cross-entropy of scores s (N×C, row-major) against labels y.</summary>
internal readonly struct SoftmaxCrossEntropy<T>(int rows, int classes, int[] labels) : IGradientFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Value(ReadOnlySpan<T> s) => Compute(s, Span<T>.Empty);

    public T ValueAndGradient(ReadOnlySpan<T> s, Span<T> gradient) => Compute(s, gradient);

    private T Compute(ReadOnlySpan<T> s, Span<T> gradient)
    {
        T n = T.CreateTruncating(rows);
        T total = T.Zero;
        for (int i = 0; i < rows; i++)
        {
            var row = s.Slice(i * classes, classes);
            T max = row[0];
            for (int j = 1; j < classes; j++)
                max = T.Max(max, row[j]);
            T sum = T.Zero;
            for (int j = 0; j < classes; j++)
                sum += T.Exp(row[j] - max);
            total += T.Log(sum) + max - row[labels[i]];
            if (!gradient.IsEmpty)
            {
                for (int j = 0; j < classes; j++)
                {
                    T p = T.Exp(row[j] - max) / sum;
                    gradient[i * classes + j] = (p - (j == labels[i] ? T.One : T.Zero)) / n;
                }
            }
        }

        return total / n;
    }
}

/// <summary>
/// A linear softmax classifier's loss in two blocks, W (D×C) then b (C):
/// L = mean_i CE(X_i W + b, y_i) + λ Σ W², to check multi-block naming.
/// </summary>
internal readonly struct LinearSoftmax(double[,] data, int[] labels, int classes, double lambda) : IGradientFunction<double>
{
    public int Features => data.GetLength(1);

    public int Length => Features * classes + classes;

    public ParameterLayout Layout => new(new ParameterBlock("W", Features, classes), new ParameterBlock("b", classes));

    public double Value(ReadOnlySpan<double> x) => Compute(x, Span<double>.Empty);

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient) => Compute(x, gradient);

    private double Compute(ReadOnlySpan<double> x, Span<double> gradient)
    {
        int n = data.GetLength(0), d = Features, c = classes;
        var w = x[..(d * c)];
        var b = x[(d * c)..];
        if (!gradient.IsEmpty)
            gradient.Clear();
        double loss = 0;
        var scores = new double[c];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < c; j++)
            {
                scores[j] = b[j];
                for (int k = 0; k < d; k++)
                    scores[j] += data[i, k] * w[k * c + j];
            }

            double max = double.NegativeInfinity;
            foreach (double v in scores)
                max = Math.Max(max, v);
            double sum = 0;
            foreach (double v in scores)
                sum += Math.Exp(v - max);
            loss += Math.Log(sum) + max - scores[labels[i]];
            if (gradient.IsEmpty)
                continue;
            for (int j = 0; j < c; j++)
            {
                double ds = (Math.Exp(scores[j] - max) / sum - (j == labels[i] ? 1 : 0)) / n;
                gradient[d * c + j] += ds;
                for (int k = 0; k < d; k++)
                    gradient[k * c + j] += data[i, k] * ds;
            }
        }

        double reg = 0;
        for (int k = 0; k < d * c; k++)
        {
            reg += w[k] * w[k];
            if (!gradient.IsEmpty)
                gradient[k] += 2 * lambda * w[k];
        }

        return loss / n + lambda * reg;
    }
}

/// <summary>f(x) = ½ xᵀAx + bᵀx with A symmetric, given row-major.</summary>
internal readonly struct Quadratic<T>(T[] a, T[] b) : IGradientFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Value(ReadOnlySpan<T> x) => ValueAndGradient(x, new T[x.Length]);

    public T ValueAndGradient(ReadOnlySpan<T> x, Span<T> gradient)
    {
        int n = x.Length;
        T value = T.Zero;
        for (int i = 0; i < n; i++)
        {
            T ax = T.Zero;
            for (int j = 0; j < n; j++)
                ax += a[i * n + j] * x[j];
            value += x[i] * ax / T.CreateTruncating(2) + b[i] * x[i];
            gradient[i] = ax + b[i];
        }

        return value;
    }
}

/// <summary>log Σ exp(x), max-shifted.</summary>
internal readonly struct LogSumExp<T> : IGradientFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Value(ReadOnlySpan<T> x) => ValueAndGradient(x, new T[x.Length]);

    public T ValueAndGradient(ReadOnlySpan<T> x, Span<T> gradient)
    {
        T max = x[0];
        foreach (T v in x)
            max = T.Max(max, v);
        T sum = T.Zero;
        foreach (T v in x)
            sum += T.Exp(v - max);
        for (int i = 0; i < x.Length; i++)
            gradient[i] = T.Exp(x[i] - max) / sum;
        return T.Log(sum) + max;
    }
}
