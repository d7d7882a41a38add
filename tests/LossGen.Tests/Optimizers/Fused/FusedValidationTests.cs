using System;
using System.Linq;
using LossGen.Builtins;
using LossGen.Optimization;
using LossGen.CompilerServices;
using Xunit;

namespace LossGen.Tests.Optimizers.Fused;

/// <summary>
/// Bad input to a fused step: an ArgumentException naming the parameter, thrown before anything is
/// written (weights and state compared bit for bit with their copies).
/// </summary>
public class FusedValidationTests
{
    [Theory]
    [InlineData(-1e-3)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    public void A_bad_lambda_is_rejected_when_the_penalty_is_made(double lambda)
    {
        Assert.Equal("lambda", Assert.Throws<ArgumentException>(() => new L2.Penalty(lambda)).ParamName);
        Assert.Equal("lambda", Assert.Throws<ArgumentException>(() => new L1.Penalty(lambda)).ParamName);
        var e = Assert.Throws<ArgumentException>(() => new ElasticNet.Penalty(lambda));
        Assert.Equal("lambda", e.ParamName);
        Assert.Contains("not negative", e.Message);
    }

    [Fact]
    public void A_nan_hyper_parameter_is_rejected_by_name() =>
        Assert.Equal("beta", Assert.Throws<ArgumentException>(() => new ElasticNet.Penalty(0.1, double.NaN)).ParamName);

    [Theory]
    [InlineData("g")]
    [InlineData("m")]
    [InlineData("v")]
    public void Mismatched_span_lengths_throw_naming_the_span_and_write_nothing(string shortSpan)
    {
        var w = FusedStepTests.Weights(21);
        var g = shortSpan == "g" ? new double[20] : FusedStepTests.Gradient(21, 0);
        var m = shortSpan == "m" ? new double[20] : Enumerable.Repeat(0.5, 21).ToArray();
        var v = shortSpan == "v" ? new double[20] : Enumerable.Repeat(0.25, 21).ToArray();
        var (w0, m0, v0) = (w.ToArray(), m.ToArray(), v.ToArray());

        var e = Assert.Throws<ArgumentException>(() => Adam.Step(w, g, m, v, 1, new ElasticNet.Penalty(0.1)));
        Assert.Equal(shortSpan, e.ParamName);
        Assert.Contains("20", e.Message);
        Assert.Contains("21", e.Message);
        Assert.Equal(w0, w);
        Assert.Equal(m0, m);
        Assert.Equal(v0, v);
    }

    [Fact]
    public void Overlapping_spans_throw_and_write_nothing()
    {
        var buffer = FusedStepTests.Weights(40).Select(x => (float)x).ToArray();
        var copy = buffer.ToArray();
        var e = Assert.Throws<ArgumentException>(() =>
            SgdMomentum.Step(buffer.AsSpan(0, 20), buffer.AsSpan(10, 20), new float[20], 1, new L2.Penalty(0.1)));
        Assert.Equal("w", e.ParamName);
        Assert.Equal(copy, buffer);
    }

    [Fact]
    public void The_step_validates_the_penalty_itself_before_writing()
    {
        // A hand-written penalty with an invalid λ (the constructor was bypassed): Step must ask it.
        var w = FusedStepTests.Weights(9);
        var s = new double[9];
        var w0 = w.ToArray();
        var e = Assert.Throws<ArgumentException>(() => SgdMomentum.Step(w, FusedStepTests.Gradient(9, 0), s, 1, new Unchecked(-2)));
        Assert.Equal("lambda", e.ParamName);
        Assert.Equal(w0, w);
        Assert.All(s, x => Assert.Equal(0.0, x));
    }

    [Fact]
    public void A_bad_optimizer_argument_with_a_penalty_throws_as_without_one()
    {
        var w = FusedStepTests.Weights(9);
        var w0 = w.ToArray();
        Assert.Equal("lr", Assert.Throws<ArgumentException>(() => Sgd.Step(w, new double[9], 1, new L1.Penalty(1), lr: -0.1)).ParamName);
        Assert.Equal("t", Assert.Throws<ArgumentException>(() => Adam.Step(w, new double[9], new double[9], new double[9], 0, new L1.Penalty(1))).ParamName);
        Assert.Equal(w0, w);
    }

    /// <summary>λ·w, implemented by hand, whose Validate is the only check (no constructor check).</summary>
    private readonly struct Unchecked(double lambda) : IElementwiseRegularizer<double>
    {
        public void Validate() => LossGen.CompilerServices.OptimizerGuard.PenaltyWeight(lambda, "lambda");
        public double Gradient(double w) => lambda * w;
        public PenaltyLanes<V> Broadcast<V>() where V : struct, ILanes<V, double> => new() { C0 = V.Splat(lambda) };
        public V Gradient<V>(V w, in PenaltyLanes<V> constants) where V : struct, ILanes<V, double> => constants.C0 * w;
    }
}
