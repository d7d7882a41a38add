using System;
using System.Linq;
using LossGen.Builtins;
using Xunit;

namespace LossGen.Tests.Optimizers;

/// <summary>
/// Bad arguments give an ArgumentException that names the parameter, before anything is written:
/// the weights and state keep their sentinel values exactly.
/// </summary>
public class OptimizerValidationTests
{
    private const int P = 37;

    private sealed class Buffers
    {
        public float[] W = Sentinel(1), G = Sentinel(2), M = Sentinel(3), V = Sentinel(4);
        public double[] Wd = SentinelD(1), Gd = SentinelD(2), Md = SentinelD(3), Vd = SentinelD(4);

        private static float[] Sentinel(int seed) => Enumerable.Range(0, P).Select(i => seed * 100f + i).ToArray();
        private static double[] SentinelD(int seed) => Enumerable.Range(0, P).Select(i => seed * 100.0 + i).ToArray();

        public void AssertUntouched()
        {
            var fresh = new Buffers();
            Assert.Equal(fresh.W, W);
            Assert.Equal(fresh.M, M);
            Assert.Equal(fresh.V, V);
            Assert.Equal(fresh.Wd, Wd);
            Assert.Equal(fresh.Md, Md);
            Assert.Equal(fresh.Vd, Vd);
        }
    }

    private static void Rejects(string parameter, string messagePart, Action<Buffers> call)
    {
        var b = new Buffers();
        var ex = Assert.Throws<ArgumentException>(() => call(b));
        Assert.Equal(parameter, ex.ParamName);
        Assert.Contains(messagePart, ex.Message);
        b.AssertUntouched();
    }

    [Fact]
    public void Spans_of_different_lengths_are_rejected_with_both_lengths()
    {
        Rejects("g", "'g' has length 36, but the weights 'w' have length 37", b => Adam.Step(b.W, b.G.AsSpan(1), b.M, b.V, 1));
        Rejects("m", "'m' has length 36", b => Adam.Step(b.W, b.G, b.M.AsSpan(0, 36), b.V, 1));
        Rejects("v", "'v' has length 38", b => Adam.Step(b.W.AsSpan(1), b.G.AsSpan(1), b.M.AsSpan(1), new float[38], 1));
        Rejects("g", "'g' has length 36", b => Adam.Step(b.Wd, b.Gd.AsSpan(1), b.Md, b.Vd, 1));
        Rejects("v", "'v' has length 36", b => SgdMomentum.Step(b.Wd, b.Gd, b.Vd.AsSpan(1), 1, 0.1));
    }

    [Fact]
    public void A_negative_or_non_finite_learning_rate_is_rejected()
    {
        Rejects("lr", "lr = -0.001", b => Adam.Step(b.W, b.G, b.M, b.V, 1, lr: -1e-3f));
        Rejects("lr", "lr = NaN", b => Adam.Step(b.Wd, b.Gd, b.Md, b.Vd, 1, lr: double.NaN));
        Rejects("lr", $"lr = {double.PositiveInfinity}", b => Sgd.Step(b.Wd, b.Gd, 1, double.PositiveInfinity));
        Rejects("scheduleMultiplier", "scheduleMultiplier = -1", b => AdamWPaper.Step(b.Wd, b.Gd, b.Md, b.Vd, 1, 1e-3, scheduleMultiplier: -1));
    }

    [Fact]
    public void Step_zero_or_negative_is_rejected()
    {
        Rejects("t", "t = 0", b => Adam.Step(b.W, b.G, b.M, b.V, 0));
        Rejects("t", "t = -3", b => Adam.Step(b.Wd, b.Gd, b.Md, b.Vd, -3));
        Rejects("t", "t = 0", b => Sgd.Step(b.W, b.G, 0, 0.1f));
    }

    [Fact]
    public void A_NaN_hyper_parameter_is_rejected()
    {
        Rejects("beta1", "beta1 is NaN", b => Adam.Step(b.W, b.G, b.M, b.V, 1, beta1: float.NaN));
        Rejects("weightDecay", "weightDecay is NaN", b => AdamWTorch.Step(b.Wd, b.Gd, b.Md, b.Vd, 1, weightDecay: double.NaN));
    }

    [Fact]
    public void Overlapping_buffers_are_rejected()
    {
        Rejects("m", "'m' overlaps 'w'", b => Adam.Step(b.W, b.G, b.W, b.V, 1));
        Rejects("v", "'v' overlaps 'm'", b => Adam.Step(b.Wd.AsSpan(0, 20), b.Gd.AsSpan(0, 20), b.Md.AsSpan(0, 20), b.Md.AsSpan(10, 20), 1));
        Rejects("w", "'w' overlaps 'g'", b => Sgd.Step(b.Wd.AsSpan(0, 30), b.Wd.AsSpan(5, 30), 1, 0.1));
    }

    [Fact]
    public void A_valid_call_after_rejections_updates_every_element()
    {
        var b = new Buffers();
        Assert.Throws<ArgumentException>(() => Adam.Step(b.W, b.G, b.M, b.V, 0));
        Adam.Step(b.W, b.G, b.M, b.V, 1);
        var fresh = new Buffers();
        Assert.All(Enumerable.Range(0, P), i => Assert.NotEqual(fresh.W[i], b.W[i]));
    }
}
