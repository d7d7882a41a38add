using System;
using System.Linq;
using LossGen.Builtins;
using Xunit;

namespace LossGen.Tests.Builtins;

/// <summary>Softmax never overflows: scores of ±1e4 and ±1e30 give finite, correct losses and gradients.</summary>
public class StabilityTests
{
    [Theory]
    [InlineData(1e4)]
    [InlineData(1e30)]
    public void Softmax_with_huge_scores_is_finite_and_exact(double big)
    {
        // Row 0: the correct class wins by `big`: loss 0 and gradient 0.
        // Row 1: the correct class loses by 2·big: loss 2·big, gradient (softmax − onehot)/N.
        // Row 2: three tied classes: loss log 3, weights 1/3.
        var s = new[] { big, -big, 0, -big, big, 0, big, big, big };
        var y = new[] { 0, 0, 1 };
        var ds = new double[9];
        var loss = SoftmaxCrossEntropy.ValueAndGradient(s, y, 3, 3, ds);

        Assert.Equal((0 + 2 * big + Math.Log(3)) / 3, loss, Math.Abs(loss) * 1e-15);
        Assert.All(ds, g => Assert.True(double.IsFinite(g)));
        Assert.Equal(new[] { 0.0, 0, 0 }, ds.Take(3).Select(v => Math.Round(v, 15)));
        Assert.Equal(-1.0 / 3, ds[3], 15);
        Assert.Equal(1.0 / 3, ds[4], 15);
        Assert.Equal((1.0 / 3) / 3, ds[6], 15);
        Assert.Equal((1.0 / 3 - 1) / 3, ds[7], 15);

        // The tied row alone: its loss log 3 must survive next to scores of `big`.
        Assert.Equal(Math.Log(3), SoftmaxCrossEntropy.Value(s.AsSpan(6, 3), y.AsSpan(2, 1), 1, 3), 15);
    }

    [Theory]
    [InlineData(1e4f)]
    [InlineData(1e30f)]
    public void Float_softmax_with_huge_scores_is_finite(float big)
    {
        var s = new[] { big, -big, 0, big, big, big };
        var y = new[] { 0, 1 };
        var ds = new float[6];
        var loss = SoftmaxCrossEntropy.ValueAndGradient(s, y, 2, 3, ds);

        Assert.True(float.IsFinite(loss));
        Assert.Equal(MathF.Log(3) / 2, loss, 1e-6f);
        Assert.All(ds, g => Assert.True(float.IsFinite(g)));
        Assert.Equal((1f / 3) / 2, ds[3], 1e-7f);
        Assert.Equal((1f / 3 - 1) / 2, ds[4], 1e-7f);
    }

    [Fact]
    public void Naive_form_would_overflow_where_LossGen_does_not()
    {
        // The reason for the max shift: e^1000 is +∞ in double, so log Σ e^s is ∞ and the loss NaN.
        Assert.True(double.IsInfinity(Math.Exp(1000)));
        var loss = SoftmaxCrossEntropy.Value(new[] { 1000.0, 999.0 }, new[] { 1 }, 1, 2);
        Assert.Equal(1 + Math.Log(1 + Math.Exp(-1)), loss, 12);
    }
}
