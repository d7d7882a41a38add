using System;
using System.Collections.Generic;
using System.Linq;
using Golden = LossGen.Tests.Fixtures.Fixtures;
using Xunit;

namespace LossGen.Tests.Optimizers;

/// <summary>
/// Every built-in optimizer replays a 12-step torch.optim trajectory (PyTorch 1.13, float64
/// fixtures): the weights after every step, the change of the weights in every step, and the
/// final state, to 1e-6 relative in double; the weights to 1e-4 relative in float.
/// </summary>
public class TorchTrajectoryTests
{
    public static IEnumerable<object[]> Names() => TrajectoryRunner.Names.Select(n => new object[] { n });

    [Theory]
    [MemberData(nameof(Names))]
    public void Double_replays_the_torch_trajectory(string name)
    {
        var tr = Golden.Optimizer(name);
        var (w, state) = TrajectoryRunner.RunDouble(tr);
        var previous = tr.W0.Data;
        for (var k = 0; k < tr.Steps; k++)
        {
            var expected = tr.WAfter(k);
            for (var i = 0; i < tr.P; i++)
            {
                Close(w[k][i], expected[i], 1e-6, $"{name}: w[{i}] after step {k + 1}");
                // The step itself, w_k − w_{k−1}, is 1e-3 of w for Adam: checking it separately
                // makes 1e-6 a bound on the update, not only on the (much larger) weights.
                var ours = w[k][i] - (k == 0 ? tr.W0.Data[i] : w[k - 1][i]);
                Close(ours, expected[i] - previous[i], 1e-6, $"{name}: Δw[{i}] in step {k + 1}");
            }
            previous = expected;
        }
        var maps = TrajectoryRunner.States(tr);
        for (var b = 0; b < maps.Length; b++)
        {
            var torch = tr.StateBuffer(maps[b].Torch);
            for (var i = 0; i < tr.P; i++)
                Close(state[b][i], maps[b].Factor * torch[i], 1e-6, $"{name}: {maps[b].Torch}[{i}] after the last step");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Float_replays_the_torch_trajectory(string name)
    {
        var tr = Golden.Optimizer(name);
        var (w, _) = TrajectoryRunner.RunFloat(tr);
        for (var k = 0; k < tr.Steps; k++)
        {
            var expected = tr.WAfter(k);
            for (var i = 0; i < tr.P; i++)
                Close(w[k][i], expected[i], 1e-4, $"{name} (float): w[{i}] after step {k + 1}");
        }
    }

    [Fact]
    public void Schedules_give_the_rates_torch_used()
    {
        foreach (var name in new[] { "adam_cosine", "sgd_steplr", "sgd_momentum_steplr" })
        {
            var tr = Golden.Optimizer(name);
            for (var k = 0; k < tr.Steps; k++)
                Close(TrajectoryRunner.Rate(tr, k), tr.Lrs[k], 1e-12, $"{name}: rate of step {k + 1}");
        }
    }

    /// <summary>Relative closeness; the floor 1e-300 only keeps an exact 0 = 0 from dividing by zero.</summary>
    internal static void Close(double actual, double expected, double rtol, string what)
    {
        var err = Math.Abs(actual - expected);
        Assert.True(err <= rtol * Math.Max(Math.Abs(expected), 1e-300),
            $"{what}: got {actual:R}, expected {expected:R} (relative error {err / Math.Abs(expected):E2} > {rtol:E0})");
    }
}
