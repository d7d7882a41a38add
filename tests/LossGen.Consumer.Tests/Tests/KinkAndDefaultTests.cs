using System;
using LossGen.Consumer.Tests.Declarations;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>
/// What a user sees exactly at kinks (where finite differences are meaningless, so the expected
/// subgradients are written out), and what the default of a hyper-parameter is in each precision.
/// </summary>
public class KinkAndDefaultTests
{
    /// <summary>Documented: |x|' = 0, relu' = 0 and max(0, x)' = 0 at x = 0; min(d, 0) at a tie gives d the slope (first argument).</summary>
    [Fact]
    public void Pointwise_kinks_follow_the_documented_conventions()
    {
        double[] z = { 0.0 };
        var (ga, gb, gc, gd) = (new double[1], new double[1], new double[1], new double[1]);
        Assert.Equal(0.0, PointwiseKinks.ValueAndGradient(z, z, z, z, 1, ga, gb, gc, gd));
        Assert.Equal(0.0, ga[0]);
        Assert.Equal(0.0, gb[0]);
        Assert.Equal(0.0, gc[0]);
        Assert.Equal(1.0, gd[0]);
    }

    [Fact]
    public void Pairwise_max_and_min_give_a_tie_to_the_first_argument()
    {
        double[] a = { 1.5, 2, -1 };
        double[] b = { 1.5, 1, 3 };
        var (da, db) = (new double[3], new double[3]);
        var v = PairMax.ValueAndGradient(a, b, 3, da, db);
        Assert.Equal((1.5 - 3) + (2 - 2) + (3 + 2), v, 12);
        // Tie at element 0: max and min both pick a, so da = 1 − 2, db = 0.
        Assert.Equal(new[] { -1.0, 1.0, -2.0 }, da);
        Assert.Equal(new[] { 0.0, -2.0, 1.0 }, db);
    }

    [Fact]
    public void Euclidean_norm_has_the_right_gradient_away_from_zero()
    {
        double[] w = { 3, -4 };
        var g = new double[2];
        Assert.Equal(5.0, EuclideanNorm.ValueAndGradient(w, 2, g), 12);
        Assert.Equal(0.6, g[0], 12);
        Assert.Equal(-0.8, g[1], 12);
    }

    /// <summary>
    /// At w = 0 (a common initialization) ‖w‖ has the subdifferential {g : ‖g‖ ≤ 1}; 0 is the natural
    /// choice and what the Abs convention suggests. A NaN gradient would poison every later step.
    /// </summary>
    [Fact]
    public void Euclidean_norm_at_zero_has_a_finite_subgradient()
    {
        double[] w = { 0, 0, 0 };
        var g = new double[3];
        Assert.Equal(0.0, EuclideanNorm.ValueAndGradient(w, 3, g));
        Assert.All(g, v => Assert.True(double.IsFinite(v), $"gradient element {v}"));
    }

    /// <summary>
    /// A default written as a float literal in the declaration (ε = 0.1f, l1 = 0.01f) is the
    /// decimal number the user wrote; the double API should use that number, not the float
    /// nearest to it widened to double (0.10000000149011612). The doc comment prints the widened value too.
    /// </summary>
    [Fact]
    public void Double_defaults_are_the_literals_written()
    {
        double[] s = { 0.3, -1.2, 2.0 };
        int[] y = { 1 };
        Assert.Equal(LabelSmoothedCrossEntropy.Value(s, y, 1, 3, 0.1), LabelSmoothedCrossEntropy.Value(s, y, 1, 3));
        double[] W = { 0.5, -1.5 };
        Assert.Equal(MatrixElasticMix.Value(W, 1, 2, 0.01, 0.5), MatrixElasticMix.Value(W, 1, 2));
    }

    /// <summary>Defaults that are exact in float are the same in both precisions.</summary>
    [Fact]
    public void Exactly_representable_defaults_are_used()
    {
        double[] s = { 0.3, -1.2, 2.0 };
        int[] y = { 1 };
        Assert.Equal(SquaredHingeDelta2.Value(s, y, 1, 3, 2.0), SquaredHingeDelta2.Value(s, y, 1, 3));
        Assert.Equal(SquaredHingeDelta2.Value(new float[] { 0.3f, -1.2f, 2.0f }, y, 1, 3, 2f), SquaredHingeDelta2.Value(new float[] { 0.3f, -1.2f, 2.0f }, y, 1, 3));
        Assert.NotEqual(SquaredHingeDelta2.Value(s, y, 1, 3, 1.0), SquaredHingeDelta2.Value(s, y, 1, 3));
    }
}
