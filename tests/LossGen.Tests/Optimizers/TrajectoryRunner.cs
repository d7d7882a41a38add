using System;
using System.Linq;
using LossGen.Builtins;
using LossGen.Optimization;
using LossGen.Tests.Fixtures;

namespace LossGen.Tests.Optimizers;

/// <summary>A state buffer of a built-in and the torch state it corresponds to: ours = Factor × torch's.</summary>
internal sealed record StateMap(string Torch, double Factor);

/// <summary>
/// Replays a torch.optim trajectory of the fixtures with the matching generated built-in, in
/// float or double. The learning rate of step k comes from LossGen's own schedule types, not
/// from the fixture's list, so a scheduled trajectory also checks the schedule.
/// </summary>
internal static class TrajectoryRunner
{
    public static readonly string[] Names =
    {
        "sgd", "sgd_momentum", "sgd_nesterov", "sgd_weight_decay", "adagrad", "rmsprop", "rmsprop_momentum",
        "adam", "adam_l2", "adamw", "adam_cosine", "sgd_steplr", "sgd_momentum_steplr",
    };

    /// <summary>Our state buffers, in the order Step takes them, with their torch names.</summary>
    public static StateMap[] States(OptimizerTrajectory tr) => tr.Name switch
    {
        "sgd_momentum" or "sgd_momentum_steplr" => new[] { new StateMap("momentum_buffer", 1) },
        // The seed's velocity is −lr × torch's buffer (constant lr; see Nesterov's docs).
        "sgd_nesterov" => new[] { new StateMap("momentum_buffer", -tr.Hyper("lr")) },
        "adagrad" => new[] { new StateMap("sum", 1) },
        "rmsprop" => new[] { new StateMap("square_avg", 1) },
        "rmsprop_momentum" => new[] { new StateMap("square_avg", 1), new StateMap("momentum_buffer", 1) },
        "adam" or "adam_l2" or "adam_cosine" or "adamw" => new[] { new StateMap("exp_avg", 1), new StateMap("exp_avg_sq", 1) },
        _ => Array.Empty<StateMap>(),
    };

    /// <summary>The rate of step k (0-based): the base rate times LossGen's schedule multiplier.</summary>
    public static double Rate(OptimizerTrajectory tr, int k) => tr.Name switch
    {
        "sgd_steplr" or "sgd_momentum_steplr" => tr.Hyper("lr") * new StepDecay(4, 0.5).Multiplier(k),
        "adam_cosine" => tr.Hyper("lr") * new CosineDecay(12).Multiplier(k),
        _ => tr.Hyper("lr"),
    };

    private static double Beta(OptimizerTrajectory tr, int i) => tr.Hyperparams["betas"][i].GetDouble();

    /// <summary>Runs every step in double; returns w after each step and the final state.</summary>
    public static (double[][] W, double[][] State) RunDouble(OptimizerTrajectory tr)
    {
        var w = tr.W0.Data.ToArray();
        var s = States(tr).Select(_ => new double[tr.P]).ToArray();
        var after = new double[tr.Steps][];
        for (var k = 0; k < tr.Steps; k++)
        {
            double[] g = tr.GradAt(k);
            long t = k + 1;
            var lr = Rate(tr, k);
            switch (tr.Name)
            {
                case "sgd" or "sgd_steplr": Sgd.Step(w, g, t, lr); break;
                case "sgd_weight_decay": Sgd.Step(w, g, t, lr, tr.Hyper("weight_decay")); break;
                case "sgd_momentum" or "sgd_momentum_steplr": SgdMomentum.Step(w, g, s[0], t, lr, tr.Hyper("momentum")); break;
                case "sgd_nesterov": Nesterov.Step(w, g, s[0], t, lr, tr.Hyper("momentum")); break;
                case "adagrad": AdaGrad.Step(w, g, s[0], t, lr, tr.Hyper("lr_decay"), tr.Hyper("weight_decay"), tr.Hyper("eps")); break;
                case "rmsprop": RmsProp.Step(w, g, s[0], t, lr, tr.Hyper("alpha"), tr.Hyper("eps"), tr.Hyper("weight_decay")); break;
                case "rmsprop_momentum":
                    RmsPropMomentum.Step(w, g, s[0], s[1], t, lr, tr.Hyper("alpha"), tr.Hyper("eps"), tr.Hyper("momentum"), tr.Hyper("weight_decay"));
                    break;
                case "adam" or "adam_l2" or "adam_cosine":
                    Adam.Step(w, g, s[0], s[1], t, lr, Beta(tr, 0), Beta(tr, 1), tr.Hyper("eps"), tr.Hyper("weight_decay"));
                    break;
                case "adamw":
                    AdamWTorch.Step(w, g, s[0], s[1], t, lr, Beta(tr, 0), Beta(tr, 1), tr.Hyper("eps"), tr.Hyper("weight_decay"));
                    break;
                default: throw new ArgumentException("No built-in for " + tr.Name);
            }
            after[k] = w.ToArray();
        }
        return (after, s);
    }

    /// <summary>Runs every step in float (inputs rounded to float); returns w after each step and the final state.</summary>
    public static (double[][] W, double[][] State) RunFloat(OptimizerTrajectory tr)
    {
        float F(string name) => (float)tr.Hyper(name);
        var w = tr.W0.AsFloats();
        var s = States(tr).Select(_ => new float[tr.P]).ToArray();
        var after = new double[tr.Steps][];
        for (var k = 0; k < tr.Steps; k++)
        {
            var g = Array.ConvertAll(tr.GradAt(k), x => (float)x);
            long t = k + 1;
            var lr = (float)Rate(tr, k);
            switch (tr.Name)
            {
                case "sgd" or "sgd_steplr": Sgd.Step(w, g, t, lr); break;
                case "sgd_weight_decay": Sgd.Step(w, g, t, lr, F("weight_decay")); break;
                case "sgd_momentum" or "sgd_momentum_steplr": SgdMomentum.Step(w, g, s[0], t, lr, F("momentum")); break;
                case "sgd_nesterov": Nesterov.Step(w, g, s[0], t, lr, F("momentum")); break;
                case "adagrad": AdaGrad.Step(w, g, s[0], t, lr, F("lr_decay"), F("weight_decay"), F("eps")); break;
                case "rmsprop": RmsProp.Step(w, g, s[0], t, lr, F("alpha"), F("eps"), F("weight_decay")); break;
                case "rmsprop_momentum":
                    RmsPropMomentum.Step(w, g, s[0], s[1], t, lr, F("alpha"), F("eps"), F("momentum"), F("weight_decay"));
                    break;
                case "adam" or "adam_l2" or "adam_cosine":
                    Adam.Step(w, g, s[0], s[1], t, lr, (float)Beta(tr, 0), (float)Beta(tr, 1), F("eps"), F("weight_decay"));
                    break;
                case "adamw":
                    AdamWTorch.Step(w, g, s[0], s[1], t, lr, (float)Beta(tr, 0), (float)Beta(tr, 1), F("eps"), F("weight_decay"));
                    break;
                default: throw new ArgumentException("No built-in for " + tr.Name);
            }
            after[k] = Array.ConvertAll(w, x => (double)x);
        }
        return (after, s.Select(b => Array.ConvertAll(b, x => (double)x)).ToArray());
    }
}
