using System;
using LossGen.Builtins;
using LossGen.Consumer.Tests.Declarations;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>The generated IOptimizer adapters of user-declared rules, against their own Step.</summary>
public class GeneratedOptimizerAdapterTests
{
    [Fact]
    public void The_adapter_is_the_rule_with_its_rate_scaled_by_the_schedule()
    {
        var w = new[] { 0.5f, -1f, 2f };
        var g = new[] { 0.25f, 1f, -3f };
        var state = new float[3];
        var (wRef, mRef) = ((float[])w.Clone(), new float[3]);
        var adapter = new BiasCorrectedMomentum.Optimizer<float>(lr: 0.1, beta: 0.7);
        Assert.Equal(1, adapter.StateBufferCount);
        for (long t = 1; t <= 3; t++)
        {
            adapter.Step(w, g, state, t, learningRateMultiplier: 0.5);
            BiasCorrectedMomentum.Step(wRef, g, mRef, t, (float)(0.1 * 0.5), 0.7f);
        }
        Assert.Equal(wRef, w);
        Assert.Equal(mRef, state);
        Assert.Equal(0.1, adapter.Lr);
        Assert.Equal(0.7, adapter.Beta);
    }

    [Fact]
    public void A_rule_without_a_learning_rate_refuses_a_schedule()
    {
        var adapter = new FixedHalfStep.Optimizer<double>();
        var w = new[] { 1.0, 2.0 };
        adapter.Step(w, new[] { 1.0, -2.0 }, Span<double>.Empty, 1, 1);
        Assert.Equal(new[] { 0.5, 3.0 }, w);
        var e = Assert.Throws<ArgumentException>(() => adapter.Step(w, new[] { 1.0, 1.0 }, Span<double>.Empty, 2, 0.5));
        Assert.Equal("learningRateMultiplier", e.ParamName);
        Assert.Equal(new[] { 0.5, 3.0 }, w);
    }

    [Fact]
    public void Hyper_parameters_are_checked_when_the_adapter_is_built_and_default_is_refused()
    {
        Assert.Equal("beta", Assert.Throws<ArgumentException>(() => new BiasCorrectedMomentum.Optimizer<float>(beta: double.NaN)).ParamName);
        Assert.Equal("lr", Assert.Throws<ArgumentException>(() => new BiasCorrectedMomentum.Optimizer<float>(lr: double.PositiveInfinity)).ParamName);
        Assert.Throws<NotSupportedException>(() => new BiasCorrectedMomentum.Optimizer<Half>());
        Assert.Throws<InvalidOperationException>(() => default(BiasCorrectedMomentum.Optimizer<float>).Step(new float[1], new float[1], new float[1], 1, 1));
        // The declared defaults, not zeros, for new().
        Assert.Equal(1e-3, new BiasCorrectedMomentum.Optimizer<float>().Lr, 1e-12);
        Assert.Equal(0.9, new BiasCorrectedMomentum.Optimizer<float>().Beta, 1e-7);
    }

    [Fact]
    public void A_required_hyper_parameter_stays_required_and_the_schedule_goes_to_scheduleMultiplier()
    {
        // AdamWPaper declares weightDecay without a default and takes the schedule as η_t.
        var adapter = new AdamWPaper.Optimizer<double>(weightDecay: 0.01, lr: 0.002);
        var w = new[] { 0.3, -0.7 };
        var g = new[] { 0.1, 0.2 };
        var state = new double[4];
        var (wRef, m, v) = ((double[])w.Clone(), new double[2], new double[2]);
        adapter.Step(w, g, state, 1, 0.25);
        AdamWPaper.Step(wRef, g, m, v, 1, 0.01, 0.002, scheduleMultiplier: 0.25);
        Assert.Equal(wRef, w);
        Assert.Equal(m, state[..2]);
        Assert.Equal(v, state[2..]);
    }
}
