using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Builtins;
using LossGen.Optimization;
using LossGen.Tests.Fixtures;
using Golden = LossGen.Tests.Fixtures.Fixtures;
using Xunit;

namespace LossGen.Tests.Optimizers.Fused;

/// <summary>
/// torch has no fused regularizer: it differentiates grads[k]·w + λ·R(w) with autograd and steps
/// (tests/fixtures-scripts/make_fused.py, P = 37, 12 steps, float64). The generated Step fused
/// with the matching Penalty, fed only grads[k], must retrace every w: to 1e-10 relative in
/// double (the two-pass arithmetic differs only in rounding). In float, 1e-4 relative plus 1e-6
/// absolute: the weights are O(1) and some of them cross 0 (under L1 the penalty pulls them
/// there), where a float run cannot resolve the cancellation finer than a few ulps of 1 (1.2e-7
/// each). Two weights start at 0 with a zero data gradient; under L1 they must stay exactly 0
/// (sign(0) = 0), in both types.
/// </summary>
public class FusedTorchTrajectoryTests
{
    public static IEnumerable<object[]> Names() => Golden.FusedRegularizers().Keys.Order().Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Names))]
    public void Double_replays_the_torch_trajectory(string name)
    {
        var tr = Golden.FusedRegularizers()[name];
        var w = tr.W0.Data.ToArray();
        var s = new[] { new double[tr.P], new double[tr.P] };
        for (var k = 0; k < tr.Steps; k++)
        {
            var g = tr.GradAt(k);
            switch (tr.Regularizer)
            {
                case "l2": Step(tr, w, g, s, k + 1, new L2.Penalty(tr.Lambda!.Value)); break;
                case "l1": Step(tr, w, g, s, k + 1, new L1.Penalty(tr.Lambda!.Value)); break;
                case "elastic_net": Step(tr, w, g, s, k + 1, new ElasticNet.Penalty(tr.Lambda!.Value, tr.Beta!.Value)); break;
                default: throw new InvalidOperationException("Unknown regularizer " + tr.Regularizer);
            }
            var expected = tr.WAfter(k);
            for (var i = 0; i < tr.P; i++)
                TorchTrajectoryTests.Close(w[i], expected[i], 1e-10, $"{name}: w[{i}] after step {k + 1}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Float_replays_the_torch_trajectory(string name)
    {
        var tr = Golden.FusedRegularizers()[name];
        var w = tr.W0.AsFloats();
        var s = new[] { new float[tr.P], new float[tr.P] };
        var lambda = tr.Lambda!.Value;
        for (var k = 0; k < tr.Steps; k++)
        {
            var g = Array.ConvertAll(tr.GradAt(k), x => (float)x);
            switch (tr.Regularizer)
            {
                case "l2": Step(tr, w, g, s, k + 1, new L2.Penalty(lambda)); break;
                case "l1": Step(tr, w, g, s, k + 1, new L1.Penalty(lambda)); break;
                default: Step(tr, w, g, s, k + 1, new ElasticNet.Penalty(lambda, tr.Beta!.Value)); break;
            }
            var expected = tr.WAfter(k);
            for (var i = 0; i < tr.P; i++)
            {
                if (expected[i] == 0) Assert.Equal(0f, w[i]);   // the L1 zeros
                Assert.True(Math.Abs(w[i] - expected[i]) <= 1e-4 * Math.Abs(expected[i]) + 1e-6,
                    $"{name} (float): w[{i}] after step {k + 1}: got {w[i]:R}, expected {expected[i]:R}");
            }
        }
    }

    [Fact]
    public void The_fixture_covers_every_regularizer_and_the_l1_zeros()
    {
        var all = Golden.FusedRegularizers().Values.ToList();
        Assert.Equal(new[] { "elastic_net", "l1", "l2" }, all.Select(t => t.Regularizer).Distinct().Order());
        foreach (var tr in all.Where(t => t.Regularizer == "l1"))
            Assert.Contains(Enumerable.Range(0, tr.P), i => tr.W0.Data[i] == 0 && tr.WAfter(tr.Steps - 1)[i] == 0);
    }

    private static double Beta(OptimizerTrajectory tr, int i) => tr.Hyperparams["betas"][i].GetDouble();

    private static void Step<R>(OptimizerTrajectory tr, double[] w, double[] g, double[][] s, long t, R penalty)
        where R : struct, IElementwiseRegularizer<double>
    {
        var lr = tr.Hyper("lr");
        switch (tr.TorchClass.Split('.').Last())
        {
            case "SGD": SgdMomentum.Step(w, g, s[0], t, penalty, lr, tr.Hyper("momentum")); break;
            case "Adam": Adam.Step(w, g, s[0], s[1], t, penalty, lr, Beta(tr, 0), Beta(tr, 1), tr.Hyper("eps")); break;
            case "AdamW": AdamWTorch.Step(w, g, s[0], s[1], t, penalty, lr, Beta(tr, 0), Beta(tr, 1), tr.Hyper("eps"), tr.Hyper("weight_decay")); break;
            case "RMSprop": RmsProp.Step(w, g, s[0], t, penalty, lr, tr.Hyper("alpha"), tr.Hyper("eps")); break;
            case "Adagrad": AdaGrad.Step(w, g, s[0], t, penalty, lr, tr.Hyper("lr_decay"), eps: tr.Hyper("eps")); break;
            default: throw new InvalidOperationException("No built-in for " + tr.TorchClass);
        }
    }

    private static void Step<R>(OptimizerTrajectory tr, float[] w, float[] g, float[][] s, long t, R penalty)
        where R : struct, IElementwiseRegularizer<float>
    {
        float F(string name) => (float)tr.Hyper(name);
        float B(int i) => (float)Beta(tr, i);
        switch (tr.TorchClass.Split('.').Last())
        {
            case "SGD": SgdMomentum.Step(w, g, s[0], t, penalty, F("lr"), F("momentum")); break;
            case "Adam": Adam.Step(w, g, s[0], s[1], t, penalty, F("lr"), B(0), B(1), F("eps")); break;
            case "AdamW": AdamWTorch.Step(w, g, s[0], s[1], t, penalty, F("lr"), B(0), B(1), F("eps"), F("weight_decay")); break;
            case "RMSprop": RmsProp.Step(w, g, s[0], t, penalty, F("lr"), F("alpha"), F("eps")); break;
            case "Adagrad": AdaGrad.Step(w, g, s[0], t, penalty, F("lr"), F("lr_decay"), eps: F("eps")); break;
            default: throw new InvalidOperationException("No built-in for " + tr.TorchClass);
        }
    }
}
