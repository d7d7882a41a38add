using System;
using LossGen.Optimization;

namespace LossGen.Tests.Optimization;

/// <summary>
/// The extended Rosenbrock function f(x) = Σ_{i&lt;n−1} 100 (x_{i+1} − x_i²)² + (1 − x_i)²,
/// minimum 0 at (1, …, 1); the standard start is (−1.2, 1, −1.2, 1, …).
/// </summary>
internal struct Rosenbrock : IDifferentiableFunction
{
    public int Evaluations;

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Evaluations++;
        gradient.Clear();
        double f = 0;
        for (int i = 0; i < x.Length - 1; i++)
        {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            f += 100 * a * a + b * b;
            gradient[i] += -400 * x[i] * a - 2 * b;
            gradient[i + 1] += 200 * a;
        }

        return f;
    }

    public static double[] StandardStart(int n)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = i % 2 == 0 ? -1.2 : 1.0;
        }

        return x;
    }
}

/// <summary>
/// f(x) = ½ (x − x*)ᵀA(x − x*) + offset with A = diag(1, 2, …, n) + uuᵀ (u_i = 1/(i+1)), a
/// symmetric positive definite matrix with a dense rank-one coupling; the minimiser is x*.
/// </summary>
/// <remarks>
/// A large offset makes the function values near the minimum differ only below double's
/// resolution, which is the regime where any line search based on function values must stop.
/// </remarks>
internal readonly struct CoupledQuadratic : IDifferentiableFunction
{
    private readonly double[] _minimizer;
    private readonly double _offset;

    public CoupledQuadratic(double[] minimizer, double offset = 0)
    {
        _minimizer = minimizer;
        _offset = offset;
    }

    public static void Multiply(ReadOnlySpan<double> x, Span<double> result)
    {
        double ux = 0;
        for (int i = 0; i < x.Length; i++)
        {
            ux += x[i] / (i + 1);
        }

        for (int i = 0; i < x.Length; i++)
        {
            result[i] = (i + 1) * x[i] + ux / (i + 1);
        }
    }

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Span<double> r = x.Length <= 256 ? stackalloc double[x.Length] : new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            r[i] = x[i] - _minimizer[i];
        }

        Multiply(r, gradient);
        double f = 0;
        for (int i = 0; i < x.Length; i++)
        {
            f += 0.5 * r[i] * gradient[i];
        }

        return f + _offset;
    }
}

/// <summary>A 1-D quadratic (x − 3)² that returns NaN once x exceeds a threshold, or after a number of calls.</summary>
internal struct NaNAfter : IDifferentiableFunction
{
    public int CallsBeforeNaN;
    public int Calls;

    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Calls++;
        if (Calls > CallsBeforeNaN)
        {
            gradient.Fill(double.NaN);
            return double.NaN;
        }

        double f = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double t = x[i] - 3 - i;
            f += t * t * (1 + i);
            gradient[i] = 2 * t * (1 + i);
        }

        return f;
    }
}
