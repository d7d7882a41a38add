using System;
using System.Linq;
using LossGen.Consumer.Tests.Declarations;
using LossGen.Consumer.Tests.Support;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>
/// The forms of a linear model's contraction (compiled to the blocked contraction kernels): each
/// against a triple loop in double for the value, centered differences for the gradients, and float
/// against double, over short and ragged D and C on both sides of a four-class block and a vector.
/// </summary>
public class ContractionFormTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 2, 7, 3 }, { 3, 16, 10 }, { 17, 64, 17 }, { 5, 7, 100 }, { 4, 37, 16 },
    };

    /// <summary>(1/N) Σ_i (logsumexp_j s_ij − s_{i,y_i}) for scores given element by element.</summary>
    private static double Softmax(Func<int, int, double> score, int[] y, int n, int c)
    {
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            var s = Enumerable.Range(0, c).Select(j => score(i, j)).ToArray();
            double max = s.Max();
            total += max + Math.Log(s.Sum(v => Math.Exp(v - max))) - s[y[i]];
        }
        return total / n;
    }

    private static double Dot(int d, Func<int, double> term) => Enumerable.Range(0, d).Sum(term);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Weights_declared_class_by_class(int n, int d, int c)
    {
        var rng = new Random(n * 1000 + d * 10 + c);
        var X = Inputs.Uniform(rng, n * d, -1, 1);
        var W = Inputs.Uniform(rng, c * d, -1, 1);
        var b = Inputs.Uniform(rng, c, -0.5, 0.5);
        var y = Inputs.Labels(rng, n, c);
        var Xf = LossCase.ToFloat(X);
        new LossCase
        {
            Params = new[] { W, b },
            Value = () => SoftmaxWeightsByClass.Value(X, W, b, y, n, d, c),
            ValueAndGradient = g => SoftmaxWeightsByClass.ValueAndGradient(X, W, b, y, n, d, c, g[0], g[1]),
            ValueFloat = () => SoftmaxWeightsByClass.Value(Xf, LossCase.ToFloat(W), LossCase.ToFloat(b), y, n, d, c),
            ValueAndGradientFloat = g => SoftmaxWeightsByClass.ValueAndGradient(Xf, LossCase.ToFloat(W), LossCase.ToFloat(b), y, n, d, c, g[0], g[1]),
            Reference = () => Softmax((i, j) => Dot(d, k => X[i * d + k] * W[j * d + k]) + b[j], y, n, c),
        }.CheckAll();
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Inputs_stored_column_major(int n, int d, int c)
    {
        var rng = new Random(n * 1000 + d * 10 + c + 1);
        var X = Inputs.Uniform(rng, d * n, -1, 1);
        var W = Inputs.Uniform(rng, d * c, -1, 1);
        var b = Inputs.Uniform(rng, c, -0.5, 0.5);
        var y = Inputs.Labels(rng, n, c);
        var Xf = LossCase.ToFloat(X);
        new LossCase
        {
            Params = new[] { W, b },
            Value = () => SoftmaxColumnMajorX.Value(X, W, b, y, d, n, c),
            ValueAndGradient = g => SoftmaxColumnMajorX.ValueAndGradient(X, W, b, y, d, n, c, g[0], g[1]),
            ValueFloat = () => SoftmaxColumnMajorX.Value(Xf, LossCase.ToFloat(W), LossCase.ToFloat(b), y, d, n, c),
            ValueAndGradientFloat = g => SoftmaxColumnMajorX.ValueAndGradient(Xf, LossCase.ToFloat(W), LossCase.ToFloat(b), y, d, n, c, g[0], g[1]),
            Reference = () => Softmax((i, j) => Dot(d, k => X[k * n + i] * W[k * c + j]) + b[j], y, n, c),
        }.CheckAll();
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatMul_form(int n, int d, int c)
    {
        var rng = new Random(n * 1000 + d * 10 + c + 2);
        var X = Inputs.Uniform(rng, n * d, -1, 1);
        var W = Inputs.Uniform(rng, d * c, -1, 1);
        var b = Inputs.Uniform(rng, c, -0.5, 0.5);
        var y = Inputs.Labels(rng, n, c);
        var Xf = LossCase.ToFloat(X);
        new LossCase
        {
            Params = new[] { W, b },
            Value = () => SoftmaxMatMul.Value(X, W, b, y, n, d, c),
            ValueAndGradient = g => SoftmaxMatMul.ValueAndGradient(X, W, b, y, n, d, c, g[0], g[1]),
            ValueFloat = () => SoftmaxMatMul.Value(Xf, LossCase.ToFloat(W), LossCase.ToFloat(b), y, n, d, c),
            ValueAndGradientFloat = g => SoftmaxMatMul.ValueAndGradient(Xf, LossCase.ToFloat(W), LossCase.ToFloat(b), y, n, d, c, g[0], g[1]),
            Reference = () => Softmax((i, j) => Dot(d, k => X[i * d + k] * W[k * c + j]) + b[j], y, n, c),
        }.CheckAll();
    }

    /// <summary>Both operands differentiable: dA = 2·R·Bᵀ and dB = 2·Aᵀ·R come from the two gradient kernels.</summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void Both_operands_differentiable(int n, int d, int c)
    {
        var rng = new Random(n * 1000 + d * 10 + c + 3);
        var A = Inputs.Uniform(rng, n * d, -1, 1);
        var B = Inputs.Uniform(rng, d * c, -1, 1);
        var T = Inputs.Uniform(rng, n * c, -1, 1);
        var Tf = LossCase.ToFloat(T);
        new LossCase
        {
            Params = new[] { A, B },
            Value = () => FactorizedLeastSquares.Value(A, B, T, n, d, c),
            ValueAndGradient = g => FactorizedLeastSquares.ValueAndGradient(A, B, T, n, d, c, g[0], g[1]),
            ValueFloat = () => FactorizedLeastSquares.Value(LossCase.ToFloat(A), LossCase.ToFloat(B), Tf, n, d, c),
            ValueAndGradientFloat = g => FactorizedLeastSquares.ValueAndGradient(LossCase.ToFloat(A), LossCase.ToFloat(B), Tf, n, d, c, g[0], g[1]),
            Reference = () => Enumerable.Range(0, n * c).Sum(e =>
            {
                double r = Dot(d, k => A[e / c * d + k] * B[k * c + e % c]) - T[e];
                return r * r;
            }),
            ReferenceTolerance = 1e-11,
        }.CheckAll();
    }

    /// <summary>
    /// At the CIFAR-shaped batch, W stored class by class and the built-in (λ = 0) read the same
    /// products through different strides: the same packed operand, so the same bits.
    /// </summary>
    [Fact]
    public void Transposed_weights_give_the_built_in_result_at_the_batch_shape()
    {
        const int n = 500, d = 3073, c = 10;
        var rng = new Random(42);
        var X = LossCase.ToFloat(Inputs.Uniform(rng, n * d, -1, 1));
        var W = LossCase.ToFloat(Inputs.Uniform(rng, d * c, -0.01, 0.01));
        var b = LossCase.ToFloat(Inputs.Uniform(rng, c, -0.5, 0.5));
        var y = Inputs.Labels(rng, n, c);
        var Wt = new float[c * d];
        for (int k = 0; k < d; k++)
            for (int j = 0; j < c; j++) Wt[j * d + k] = W[k * c + j];
        var dW = new float[d * c];
        var db = new float[c];
        var dWt = new float[c * d];
        var dbt = new float[c];
        float expected = LossGen.Builtins.LinearSoftmax.ValueAndGradient(X, W, b, y, n, d, c, dW, db, lambda: 0f);
        float actual = SoftmaxWeightsByClass.ValueAndGradient(X, Wt, b, y, n, d, c, dWt, dbt);
        Assert.Equal(expected, actual);
        for (int k = 0; k < d; k++)
            for (int j = 0; j < c; j++) Assert.Equal(dW[k * c + j], dWt[j * d + k]);
        Assert.Equal(db, dbt);
    }
}
