using System;
using LossGen.Builtins;
using LossGen.Optimization;

namespace LossGen.Tests.Optimization;

/// <summary>
/// The generated <see cref="LinearSoftmax"/> objective seen by L-BFGS: the parameter vector is W
/// (D·C, row-major) followed by b (C), and the gradient is written the same way. A struct, so
/// <see cref="LBfgs.Minimize{TFunc}"/> is specialised for it with no virtual call per evaluation.
/// </summary>
internal struct GeneratedLinearSoftmaxObjective : IDifferentiableFunction
{
    private readonly double[] x;
    private readonly int[] y;
    private readonly int n, d, c;
    private readonly double lambda;

    public GeneratedLinearSoftmaxObjective(double[] x, int[] y, int d, int c, double lambda)
    {
        this.x = x;
        this.y = y;
        n = y.Length;
        this.d = d;
        this.c = c;
        this.lambda = lambda;
    }

    public int ParameterCount => d * c + c;

    public double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient) =>
        LinearSoftmax.ValueAndGradient(x, theta[..(d * c)], theta[(d * c)..], y, n, d, c,
            gradient[..(d * c)], gradient[(d * c)..], lambda);
}
