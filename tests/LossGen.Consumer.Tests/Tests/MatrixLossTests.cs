using System;
using System.Linq;
using LossGen.Consumer.Tests.Declarations;
using LossGen.Consumer.Tests.Support;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>Regularizers and objectives over matrices and higher-rank tensors.</summary>
public class MatrixLossTests
{
    /// <summary>|W| has its kink at 0: entries are drawn with 0.05 ≤ |W| ≤ 2, and a step of ≤ 2e-6 cannot reach 0.</summary>
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 1, 2)]
    [InlineData(7, 5, 3)]
    [InlineData(19, 23, 4)]
    public void MatrixElasticMix_matches_reference_and_gradient(int d, int c, int seed)
    {
        var rng = new Random(seed);
        const double l1 = 0.3, l2 = 0.7;
        var W = Inputs.AwayFromZero(rng, d * c, 0.05, 2);
        new LossCase
        {
            Params = new[] { W },
            Value = () => MatrixElasticMix.Value(W, d, c, l1, l2),
            ValueAndGradient = g => MatrixElasticMix.ValueAndGradient(W, d, c, g[0], l1, l2),
            ValueFloat = () => MatrixElasticMix.Value(LossCase.ToFloat(W), d, c, (float)l1, (float)l2),
            ValueAndGradientFloat = g => MatrixElasticMix.ValueAndGradient(LossCase.ToFloat(W), d, c, g[0], (float)l1, (float)l2),
            Reference = () => W.Sum(v => l1 * Math.Abs(v) + l2 * v * v),
        }.CheckAll();
    }

    /// <summary>A Sum over an empty dimension is 0, not an error (only Mean refuses empty dimensions).</summary>
    [Fact]
    public void MatrixElasticMix_of_an_empty_matrix_is_zero()
    {
        Assert.Equal(0.0, MatrixElasticMix.Value(ReadOnlySpan<double>.Empty, 0, 4));
        Assert.Equal(0.0, MatrixElasticMix.Value(ReadOnlySpan<double>.Empty, 3, 0));
    }

    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(1, 3, 2, 2)]
    [InlineData(5, 4, 1, 3)]
    [InlineData(11, 6, 17, 4)]
    public void SquashedScores_matches_reference_and_gradient(int n, int d, int c, int seed)
    {
        // tanh, σ, x³ and sqrt(1 + ‖W‖²) are smooth everywhere (the sqrt argument is ≥ 1).
        var rng = new Random(seed);
        var X = Inputs.Uniform(rng, n * d, -1, 1);
        var W = Inputs.Uniform(rng, d * c, -1, 1);
        var b = Inputs.Uniform(rng, c, -0.5, 0.5);
        var Xf = LossCase.ToFloat(X);
        new LossCase
        {
            Params = new[] { W, b },
            Value = () => SquashedScores.Value(X, W, b, n, d, c),
            ValueAndGradient = g => SquashedScores.ValueAndGradient(X, W, b, n, d, c, g[0], g[1]),
            ValueFloat = () => SquashedScores.Value(Xf, LossCase.ToFloat(W), LossCase.ToFloat(b), n, d, c),
            ValueAndGradientFloat = g => SquashedScores.ValueAndGradient(Xf, LossCase.ToFloat(W), LossCase.ToFloat(b), n, d, c, g[0], g[1]),
            Reference = () =>
            {
                double sum = 0;
                for (var i = 0; i < n; i++)
                    for (var j = 0; j < c; j++)
                    {
                        double z = b[j];
                        for (var k = 0; k < d; k++) z += X[i * d + k] * W[k * c + j];
                        var h = Math.Tanh(z);
                        sum += h * h * h / (1 + Math.Exp(-h));
                    }
                return sum / n + Math.Sqrt(1 + W.Sum(v => v * v));
            },
        }.CheckAll();
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(4, 1, 2)]
    [InlineData(6, 10, 3)]
    [InlineData(13, 21, 4)]
    public void UnannotatedRowDistance_matches_reference_and_gradient(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        var a = Inputs.Uniform(rng, rows * cols, -2, 2);
        var b = Inputs.Uniform(rng, cols, -2, 2);
        new LossCase
        {
            Params = new[] { a, b },
            Value = () => UnannotatedRowDistance.Value(a, b, rows, cols),
            ValueAndGradient = g => UnannotatedRowDistance.ValueAndGradient(a, b, rows, cols, g[0], g[1]),
            ValueFloat = () => UnannotatedRowDistance.Value(LossCase.ToFloat(a), LossCase.ToFloat(b), rows, cols),
            ValueAndGradientFloat = g => UnannotatedRowDistance.ValueAndGradient(LossCase.ToFloat(a), LossCase.ToFloat(b), rows, cols, g[0], g[1]),
            Reference = () =>
            {
                double sum = 0;
                for (var i = 0; i < rows; i++)
                    for (var j = 0; j < cols; j++) sum += Math.Pow(a[i * cols + j] - b[j], 2);
                return sum;
            },
        }.CheckAll();
    }

    /// <summary>
    /// Only shapes whose three leading extents are 1 are active: any other shape hits the rank-≥3
    /// offset bug reproduced in <see cref="Rank3OffsetTests"/>.
    /// </summary>
    [Theory]
    [InlineData(1, 1, 1, 1, 1)]
    [InlineData(1, 1, 1, 19, 2)]
    public void Rank4Reconstruction_matches_reference_and_gradient(int A, int B, int C, int D, int seed) =>
        CheckRank4Reconstruction(A, B, C, D, seed);

    [Theory]
    [InlineData(2, 1, 3, 1, 2)]
    [InlineData(3, 2, 3, 9, 3)]
    [InlineData(5, 3, 2, 17, 4)]
    public void Rank4Reconstruction_general_shapes_match_reference_and_gradient(int A, int B, int C, int D, int seed) =>
        CheckRank4Reconstruction(A, B, C, D, seed);

    private static void CheckRank4Reconstruction(int A, int B, int C, int D, int seed)
    {
        var rng = new Random(seed);
        var u = Inputs.Uniform(rng, A * B * C * D, -1, 1);
        var v = Inputs.Uniform(rng, B * C * D, -1, 1);
        var vf = LossCase.ToFloat(v);
        new LossCase
        {
            Params = new[] { u },
            Value = () => Rank4Reconstruction.Value(u, v, A, B, C, D),
            ValueAndGradient = g => Rank4Reconstruction.ValueAndGradient(u, v, A, B, C, D, g[0]),
            ValueFloat = () => Rank4Reconstruction.Value(LossCase.ToFloat(u), vf, A, B, C, D),
            ValueAndGradientFloat = g => Rank4Reconstruction.ValueAndGradient(LossCase.ToFloat(u), vf, A, B, C, D, g[0]),
            Reference = () =>
            {
                var inner = B * C * D;
                double fit = 0, spread = 0;
                for (var q = 0; q < inner; q++)
                {
                    double m = 0;
                    for (var e = 0; e < A; e++) m += u[e * inner + q];
                    m /= A;
                    fit += (m - v[q]) * (m - v[q]);
                    for (var e = 0; e < A; e++) spread += (u[e * inner + q] - m) * (u[e * inner + q] - m);
                }
                return fit / inner + 0.1 * spread;
            },
        }.CheckAll();
    }

    /// <summary>
    /// The max and min reductions have kinks where the extreme is tied: the matrix is redrawn until the
    /// two largest and the two smallest entries are each at least 0.01 apart.
    /// </summary>
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 5, 2)]
    [InlineData(4, 3, 3)]
    [InlineData(7, 19, 4)]
    public void GlobalSpread_matches_reference_and_gradient(int r, int k, int seed)
    {
        var rng = new Random(seed);
        double[] s;
        do s = Inputs.Uniform(rng, r * k, -3, 3);
        while (s.Length >= 2 && (Gap(s.OrderByDescending(x => x)) < 0.01 || Gap(s.OrderBy(x => x)) < 0.01));
        new LossCase
        {
            Params = new[] { s },
            Value = () => GlobalSpread.Value(s, r, k),
            ValueAndGradient = g => GlobalSpread.ValueAndGradient(s, r, k, g[0]),
            ValueFloat = () => GlobalSpread.Value(LossCase.ToFloat(s), r, k),
            ValueAndGradientFloat = g => GlobalSpread.ValueAndGradient(LossCase.ToFloat(s), r, k, g[0]),
            Reference = () => Inputs.LogSumExp(s) + s.Max() - 2 * s.Min(),
            Scale = 3 * 3,
        }.CheckAll();

        static double Gap(IOrderedEnumerable<double> sorted) { var t = sorted.Take(2).ToArray(); return Math.Abs(t[0] - t[1]); }
    }

    /// <summary>
    /// At a tie the max reduction's documented subgradient gives the whole adjoint to the first
    /// tied element (docs/subgradients.md): of the equal maxima at 1 and 3, element 1 gets 1 from
    /// the Max term and element 3 gets 0.
    /// </summary>
    [Fact]
    public void GlobalSpread_gives_a_tied_maximum_gradient_to_the_first_tied_element()
    {
        double[] s = { 1, 3, -2, 3 };
        var g = new double[4];
        var v = GlobalSpread.ValueAndGradient(s, 2, 2, g);
        var softmax = s.Select(x => Math.Exp(x - Inputs.LogSumExp(s))).ToArray();
        Assert.Equal(Inputs.LogSumExp(s) + 3 + 4, v, 12);
        Assert.Equal(softmax[0], g[0], 12);
        Assert.Equal(softmax[1] + 1, g[1], 12);
        Assert.Equal(softmax[2] - 2, g[2], 12);
        Assert.Equal(softmax[3], g[3], 12);

        // The float kernel must select the same element.
        var gf = new float[4];
        GlobalSpread.ValueAndGradient(new float[] { 1, 3, -2, 3 }, 2, 2, gf);
        for (var k = 0; k < 4; k++) Assert.Equal(g[k], gf[k], 6);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(9, 3)]
    [InlineData(20, 4)]
    public void TriangularPenalty_matches_reference_and_gradient(int d, int seed)
    {
        // |A| only appears on the diagonal; entries are kept 0.05 away from 0 as for the L1 mix.
        var rng = new Random(seed);
        var A = Inputs.AwayFromZero(rng, d * d, 0.05, 2);
        new LossCase
        {
            Params = new[] { A },
            Value = () => TriangularPenalty.Value(A, d),
            ValueAndGradient = g => TriangularPenalty.ValueAndGradient(A, d, g[0]),
            ValueFloat = () => TriangularPenalty.Value(LossCase.ToFloat(A), d),
            ValueAndGradientFloat = g => TriangularPenalty.ValueAndGradient(LossCase.ToFloat(A), d, g[0]),
            Reference = () =>
            {
                double sum = 0;
                for (var i = 0; i < d; i++)
                    for (var j = 0; j < d; j++)
                    {
                        var x = A[i * d + j];
                        sum += i < j ? x * x : i == j ? 3 * Math.Abs(x) : 0.5 * x * x;
                    }
                return sum;
            },
        }.CheckAll();
    }
}
