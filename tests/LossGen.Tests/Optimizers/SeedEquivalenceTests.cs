using System;
using System.Linq;
using LossGen.Builtins;
using Golden = LossGen.Tests.Fixtures.Fixtures;
using Xunit;

namespace LossGen.Tests.Optimizers;

/// <summary>
/// The seed's equivalences, on the torch fixtures' weights and gradients: the two formulations of
/// momentum; L2 regularization versus weight decay, identical for SGD and momentum but not for
/// Adam; and the two conventions of AdamW.
/// </summary>
public class SeedEquivalenceTests
{
    private const double Tight = 1e-12;

    [Fact]
    public void Momentum_in_either_formulation_gives_the_same_weights()
    {
        var tr = Golden.Optimizer("sgd_momentum");
        double lr = tr.Hyper("lr"), rho = tr.Hyper("momentum");
        var torchStyle = tr.W0.Data.ToArray();
        var seedStyle = tr.W0.Data.ToArray();
        double[] v = new double[tr.P], seedV = new double[tr.P];
        for (var k = 0; k < tr.Steps; k++)
        {
            var g = tr.GradAt(k);
            SgdMomentum.Step(torchStyle, g, v, k + 1, lr, rho);            // v = ρv + g;     w −= lr·v
            UserOptimizers.Call("MomentumSeed", seedStyle, g, seedV, (long)(k + 1), lr, rho); // v = ρv − lr·g; w += v
            AssertAll(seedStyle, torchStyle, Tight, $"w after step {k + 1}");
            AssertAll(seedV, v.Select(x => -lr * x).ToArray(), Tight, $"seed velocity = −lr × torch buffer, step {k + 1}");
        }
    }

    /// <summary>λw added to the gradient, once through the generated L2 regularizer's gradient.</summary>
    private static double[] WithL2Gradient(double[] w, double[] g, double lambda)
    {
        // R(w) = Σ w², so ∇(λ/2 · R) = λw.
        var dR = new double[w.Length];
        L2.ValueAndGradient(w, w.Length, dR);
        return g.Select((x, i) => x + lambda / 2 * dR[i]).ToArray();
    }

    [Fact]
    public void L2_and_weight_decay_are_the_same_for_sgd()
    {
        var tr = Golden.Optimizer("sgd_weight_decay");
        double lr = tr.Hyper("lr"), lambda = tr.Hyper("weight_decay");
        var l2 = tr.W0.Data.ToArray();
        var decayHyper = tr.W0.Data.ToArray();
        var decoupled = tr.W0.Data.ToArray();
        for (var k = 0; k < tr.Steps; k++)
        {
            var g = tr.GradAt(k);
            Sgd.Step(l2, WithL2Gradient(l2, g, lambda), k + 1, lr);   // L2 penalty's gradient in g
            Sgd.Step(decayHyper, g, k + 1, lr, lambda);               // the fused weightDecay
            for (var i = 0; i < tr.P; i++)                            // decoupled: shrink, then step
                decoupled[i] = (1 - lr * lambda) * decoupled[i] - lr * g[i];
            AssertAll(decayHyper, l2, Tight, $"fused decay vs L2, step {k + 1}");
            AssertAll(decoupled, l2, Tight, $"decoupled decay vs L2, step {k + 1}");
        }
        AssertAll(l2, tr.WAfter(tr.Steps - 1), 1e-6, "torch");
    }

    [Fact]
    public void L2_and_weight_decay_are_the_same_for_momentum()
    {
        var tr = Golden.Optimizer("sgd_momentum");
        double lr = tr.Hyper("lr"), rho = tr.Hyper("momentum");
        const double lambda = 0.01;
        var l2 = tr.W0.Data.ToArray();
        var decay = tr.W0.Data.ToArray();
        double[] vL2 = new double[tr.P], vDecay = new double[tr.P];
        for (var k = 0; k < tr.Steps; k++)
        {
            var g = tr.GradAt(k);
            SgdMomentum.Step(l2, WithL2Gradient(l2, g, lambda), vL2, k + 1, lr, rho);
            SgdMomentum.Step(decay, g, vDecay, k + 1, lr, rho, lambda);
            AssertAll(decay, l2, Tight, $"momentum weight decay vs L2, step {k + 1}");
        }
        // And the decay did something: without it the weights end elsewhere.
        var plain = TrajectoryRunner.RunDouble(tr).W[tr.Steps - 1];
        Assert.True(MaxRelativeDifference(plain, decay) > 1e-4);
    }

    [Fact]
    public void L2_and_weight_decay_differ_for_adam()
    {
        var l2Fixture = Golden.Optimizer("adam_l2");
        var decayFixture = Golden.Optimizer("adamw");
        Assert.Equal(l2Fixture.Hyper("weight_decay"), decayFixture.Hyper("weight_decay"));
        Assert.Equal(l2Fixture.Hyper("lr"), decayFixture.Hyper("lr"));
        var lambda = l2Fixture.Hyper("weight_decay");
        var lr = l2Fixture.Hyper("lr");

        // L2 through the regularizer's gradient is exactly Adam's weightDecay …
        var l2 = l2Fixture.W0.Data.ToArray();
        var fused = l2Fixture.W0.Data.ToArray();
        double[] m1 = new double[l2.Length], v1 = new double[l2.Length], m2 = new double[l2.Length], v2 = new double[l2.Length];
        for (var k = 0; k < l2Fixture.Steps; k++)
        {
            var g = l2Fixture.GradAt(k);
            Adam.Step(l2, WithL2Gradient(l2, g, lambda), m1, v1, k + 1, lr);
            Adam.Step(fused, g, m2, v2, k + 1, lr, weightDecay: lambda);
            AssertAll(fused, l2, Tight, $"Adam L2 fused vs via regularizer, step {k + 1}");
        }
        // … and it is not decoupled weight decay (AdamW): torch itself ends at different weights,
        // and so do we, each matching its own torch trajectory.
        var decoupled = TrajectoryRunner.RunDouble(decayFixture).W[decayFixture.Steps - 1];
        AssertAll(l2, l2Fixture.WAfter(l2Fixture.Steps - 1), 1e-6, "Adam L2 vs torch adam_l2");
        AssertAll(decoupled, decayFixture.WAfter(decayFixture.Steps - 1), 1e-6, "AdamW vs torch adamw");
        // Compared as displacements from w0 (lr = 1e-3 moves the weights little): where SGD's two
        // forms agree to 1e-12, Adam's differ by percents.
        var w0 = l2Fixture.W0.Data;
        var moveL2 = l2.Select((x, i) => x - w0[i]).ToArray();
        var moveDecoupled = decoupled.Select((x, i) => x - w0[i]).ToArray();
        Assert.True(MaxRelativeDifference(moveL2, moveDecoupled) > 1e-2,
            $"L2 and decoupled decay should differ for Adam, but differ by only {MaxRelativeDifference(moveL2, moveDecoupled):E2}");
    }

    [Fact]
    public void AdamW_conventions_agree_only_when_the_decay_is_rescaled_by_lr()
    {
        var tr = Golden.Optimizer("adamw");
        double lr = tr.Hyper("lr"), lambdaTorch = tr.Hyper("weight_decay");
        var torch = tr.W0.Data.ToArray();
        var paperRescaled = tr.W0.Data.ToArray();
        var paperSameNumber = tr.W0.Data.ToArray();
        var s = Enumerable.Range(0, 6).Select(_ => new double[tr.P]).ToArray();
        for (var k = 0; k < tr.Steps; k++)
        {
            var g = tr.GradAt(k);
            AdamWTorch.Step(torch, g, s[0], s[1], k + 1, lr, weightDecay: lambdaTorch);
            AdamWPaper.Step(paperRescaled, g, s[2], s[3], k + 1, weightDecay: lr * lambdaTorch, lr: lr);
            AdamWPaper.Step(paperSameNumber, g, s[4], s[5], k + 1, weightDecay: lambdaTorch, lr: lr);
            AssertAll(paperRescaled, torch, Tight, $"paper with λ = lr·λ_torch vs torch, step {k + 1}");
        }
        AssertAll(torch, tr.WAfter(tr.Steps - 1), 1e-6, "AdamWTorch vs torch adamw");
        Assert.True(MaxRelativeDifference(paperSameNumber, torch) > 1e-3, "the same λ means a different decay in the two conventions");
    }

    [Fact]
    public void AdamW_paper_scales_step_and_decay_by_the_schedule_multiplier()
    {
        var tr = Golden.Optimizer("adamw");
        double lr = tr.Hyper("lr"), lambda = 1e-3;
        var schedule = new LossGen.Optimization.CosineDecay(tr.Steps);
        var w = tr.W0.Data.ToArray();
        var reference = tr.W0.Data.ToArray();
        double[] m = new double[tr.P], v = new double[tr.P], mr = new double[tr.P], vr = new double[tr.P];
        const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        for (var k = 0; k < tr.Steps; k++)
        {
            var g = tr.GradAt(k);
            var eta = schedule.Multiplier(k);
            AdamWPaper.Step(w, g, m, v, k + 1, lambda, lr, scheduleMultiplier: eta);
            for (var i = 0; i < tr.P; i++)
            {
                mr[i] = b1 * mr[i] + (1 - b1) * g[i];
                vr[i] = b2 * vr[i] + (1 - b2) * g[i] * g[i];
                var mHat = mr[i] / (1 - Math.Pow(b1, k + 1));
                var vHat = vr[i] / (1 - Math.Pow(b2, k + 1));
                reference[i] -= eta * (lr * mHat / (Math.Sqrt(vHat) + eps) + lambda * reference[i]);
            }
            AssertAll(w, reference, Tight, $"AdamWPaper vs Loshchilov–Hutter Algorithm 2, step {k + 1}");
        }
    }

    private static double MaxRelativeDifference(double[] a, double[] b) =>
        a.Zip(b, (x, y) => Math.Abs(x - y) / Math.Max(Math.Abs(y), 1e-300)).Max();

    private static void AssertAll(double[] actual, double[] expected, double rtol, string what)
    {
        for (var i = 0; i < actual.Length; i++)
            TorchTrajectoryTests.Close(actual[i], expected[i], rtol, $"{what}, element {i}");
    }
}
