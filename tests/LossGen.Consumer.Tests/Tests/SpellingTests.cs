using System;
using System.Linq;
using LossGen.Consumer.Tests.Declarations;
using LossGen.Consumer.Tests.Support;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>
/// Mathematically equal spellings of a loss: at moderate inputs they are checked like every
/// other declaration; at extreme inputs they should be as robust as the stabilized spelling.
/// </summary>
public class SpellingTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(9, 7, 2)]
    [InlineData(24, 19, 3)]
    public void SlideSoftmax_matches_reference_and_gradient(int n, int c, int seed)
    {
        var rng = new Random(seed);
        var y = Inputs.Labels(rng, n, c);
        var s = Inputs.Uniform(rng, n * c, -4, 4);
        new LossCase
        {
            Params = new[] { s },
            Value = () => SlideSoftmax.Value(s, y, n, c),
            ValueAndGradient = g => SlideSoftmax.ValueAndGradient(s, y, n, c, g[0]),
            ValueFloat = () => SlideSoftmax.Value(LossCase.ToFloat(s), y, n, c),
            ValueAndGradientFloat = g => SlideSoftmax.ValueAndGradient(LossCase.ToFloat(s), y, n, c, g[0]),
            Reference = () => Enumerable.Range(0, n).Sum(i => Inputs.LogSumExp(s.AsSpan(i * c, c)) - s[i * c + y[i]]) / n,
        }.CheckAll();
    }

    /// <summary>The slide spelling equals the stabilized one at 1e4 in value and gradient.</summary>
    [Fact]
    public void SlideSoftmax_is_stabilized_at_scores_1e4()
    {
        double[] s = { 1e4, -1e4, 1e4 - 2, 3 };
        int[] y = { 0, 1 };
        var g = new double[4];
        var expected = NaiveSoftmax.ValueAndGradient(s, y, 2, 2, new double[4]);
        var value = SlideSoftmax.ValueAndGradient(s, y, 2, 2, g);
        Assert.Equal(expected, value, 9);
        Assert.All(g, v => Assert.True(double.IsFinite(v)));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(12, 5, 2)]
    public void LogSigmoidLogistic_matches_the_softplus_spelling(int n, int d, int seed)
    {
        var rng = new Random(seed);
        var X = Inputs.Uniform(rng, n * d, -1, 1);
        var w = Inputs.Uniform(rng, d, -2, 2);
        var y = Inputs.Signs(rng, n);
        new LossCase
        {
            Params = new[] { w },
            Value = () => LogSigmoidLogistic.Value(X, w, y, n, d),
            ValueAndGradient = g => LogSigmoidLogistic.ValueAndGradient(X, w, y, n, d, g[0]),
            ValueFloat = () => LogSigmoidLogistic.Value(LossCase.ToFloat(X), LossCase.ToFloat(w), LossCase.ToFloat(y), n, d),
            ValueAndGradientFloat = g => LogSigmoidLogistic.ValueAndGradient(LossCase.ToFloat(X), LossCase.ToFloat(w), LossCase.ToFloat(y), n, d, g[0]),
            Reference = () => LogisticRegression.Value(X, w, y, n, d),
        }.CheckAll();
    }

    /// <summary>At a margin of −1000, −log σ(−1000) = 1000 (softplus(1000)); the naive spelling gives log 0 = −∞.</summary>
    [Fact]
    public void LogSigmoidLogistic_is_finite_at_large_negative_margins()
    {
        double[] X = { 1 };
        double[] w = { -1000 };
        double[] y = { 1 };
        Assert.Equal(1000.0, LogSigmoidLogistic.Value(X, w, y, 1, 1), 9);
    }
}
