using System;
using Gen = LossGen.Builtins;
using LossGen.Builtins;
using LossGen.Training;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Training;

/// <summary>
/// Each adapter is the generated Step with its hyper-parameters in the right places and the
/// schedule multiplier applied the way its rule defines: three steps through the adapter equal
/// three direct calls, bit for bit, with non-default hyper-parameters so a swapped pair would show.
/// </summary>
public sealed class OptimizerAdapterTests
{
    private const double Multiplier = 0.5;

    private delegate void DirectStep(Span<double> w, ReadOnlySpan<double> g, Span<double> state, long t);

    [Fact]
    public void Sgd() => Check(new Sgd.Optimizer<double>(0.1, 0.01), 0,
        (w, g, s, t) => Gen.Sgd.Step(w, g, t, 0.1 * Multiplier, 0.01));

    [Fact]
    public void SgdMomentum() => Check(new SgdMomentum.Optimizer<double>(0.1, 0.8, 0.01), 1,
        (w, g, s, t) => Gen.SgdMomentum.Step(w, g, s, t, 0.1 * Multiplier, 0.8, 0.01));

    [Fact]
    public void Nesterov() => Check(new Nesterov.Optimizer<double>(0.1, 0.8, 0.01), 1,
        (w, g, s, t) => Gen.Nesterov.Step(w, g, s, t, 0.1 * Multiplier, 0.8, 0.01));

    [Fact]
    public void AdaGrad() => Check(new AdaGrad.Optimizer<double>(0.1, 0.02, 0.01, 1e-6), 1,
        (w, g, s, t) => Gen.AdaGrad.Step(w, g, s, t, 0.1 * Multiplier, 0.02, 0.01, 1e-6));

    [Fact]
    public void RmsProp() => Check(new RmsProp.Optimizer<double>(0.1, 0.9, 1e-6, 0.01), 1,
        (w, g, s, t) => Gen.RmsProp.Step(w, g, s, t, 0.1 * Multiplier, 0.9, 1e-6, 0.01));

    [Fact]
    public void RmsPropMomentum() => Check(new RmsPropMomentum.Optimizer<double>(0.1, 0.9, 1e-6, 0.7, 0.01), 2,
        (w, g, s, t) => Gen.RmsPropMomentum.Step(w, g, s[..4], s[4..], t, 0.1 * Multiplier, 0.9, 1e-6, 0.7, 0.01));

    [Fact]
    public void Adam() => Check(new Adam.Optimizer<double>(0.1, 0.8, 0.99, 1e-6, 0.01), 2,
        (w, g, s, t) => Gen.Adam.Step(w, g, s[..4], s[4..], t, 0.1 * Multiplier, 0.8, 0.99, 1e-6, 0.01));

    [Fact]
    public void AdamW_torch_scales_the_decay_by_the_scheduled_rate() => Check(new AdamWTorch.Optimizer<double>(0.1, 0.8, 0.99, 1e-6, 0.05), 2,
        (w, g, s, t) => Gen.AdamWTorch.Step(w, g, s[..4], s[4..], t, 0.1 * Multiplier, 0.8, 0.99, 1e-6, 0.05));

    [Fact]
    public void AdamW_paper_keeps_the_base_rate_and_passes_the_multiplier() => Check(new AdamWPaper.Optimizer<double>(0.05, 0.1, 0.8, 0.99, 1e-6), 2,
        (w, g, s, t) => Gen.AdamWPaper.Step(w, g, s[..4], s[4..], t, 0.05, 0.1, 0.8, 0.99, 1e-6, Multiplier));

    [Fact]
    public void Float_goes_to_the_float_kernel()
    {
        float[] w = [1, -2, 3, 0.5f], g = [0.3f, -0.1f, 0.2f, 1], state = new float[8];
        float[] w2 = (float[])w.Clone(), m = new float[4], v = new float[4];
        var adam = new Adam.Optimizer<float>(0.1, 0.8, 0.99, 1e-6, 0.01);
        for (long t = 1; t <= 3; t++)
        {
            adam.Step(w, g, state, t, Multiplier);
            Gen.Adam.Step(w2, g, m, v, t, 0.05f, 0.8f, 0.99f, 1e-6f, 0.01f);
        }

        TrainerDeterminismTests.Bits(w).ShouldBe(TrainerDeterminismTests.Bits(w2));
        TrainerDeterminismTests.Bits(state).ShouldBe(TrainerDeterminismTests.Bits([.. m, .. v]));
    }

    [Fact]
    public void A_state_buffer_of_the_wrong_length_is_refused_before_any_write()
    {
        double[] w = [1, 2, 3, 4], g = [1, 1, 1, 1];
        var e = Should.Throw<ArgumentException>(() => new Adam.Optimizer<double>().Step(w, g, new double[7], 1, 1));
        e.ParamName.ShouldBe("state");
        w.ShouldBe([1, 2, 3, 4]);
    }

    [Fact]
    public void New_without_arguments_gets_the_generated_defaults_and_default_is_refused()
    {
        double[] w = [1, 2], g = [1, 1], state = new double[4];
        new Adam.Optimizer<double>().Step(w, g, state, 1, 1);
        double[] w2 = [1, 2], m = new double[2], v = new double[2];
        Gen.Adam.Step(w2, g, m, v, 1);
        w.ShouldBe(w2);

        Should.Throw<InvalidOperationException>(() => default(Sgd.Optimizer<double>).Step(w, g, [], 1, 1));
        Should.Throw<InvalidOperationException>(() => new AdamWPaper.Optimizer<double>().Step(w, g, state, 1, 1));
        w.ShouldBe(w2);
    }

    [Fact]
    public void Half_is_refused_when_the_adapter_is_built() =>
        Should.Throw<NotSupportedException>(() => new Adam.Optimizer<Half>(lr: 0.1));

    private static void Check<TOptimizer>(TOptimizer optimizer, int buffers, DirectStep direct)
        where TOptimizer : IOptimizer<double>
    {
        optimizer.StateBufferCount.ShouldBe(buffers);
        double[] w = [1, -2, 3, 0.5], state = new double[4 * buffers];
        double[] w2 = (double[])w.Clone(), state2 = new double[4 * buffers];
        for (long t = 1; t <= 3; t++)
        {
            double[] g = [0.3 * t, -0.1, 0.2 / t, 1];
            optimizer.Step(w, g, state, t, Multiplier);
            direct(w2, g, state2, t);
        }

        w.ShouldNotBe([1, -2, 3, 0.5]);
        TrainerDeterminismTests.Bits(w).ShouldBe(TrainerDeterminismTests.Bits(w2));
        TrainerDeterminismTests.Bits(state).ShouldBe(TrainerDeterminismTests.Bits(state2));
    }
}
