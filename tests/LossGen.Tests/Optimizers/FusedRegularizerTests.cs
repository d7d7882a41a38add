using System.Linq;
using LossGen.Builtins;
using Golden = LossGen.Tests.Fixtures.Fixtures;
using Xunit;

namespace LossGen.Tests.Optimizers;

/// <summary>
/// A regularizer's gradient fused into the update pass gives the same weights as computing the
/// declared regularizer's gradient separately (with the generated ElasticNet) and stepping on
/// g + λ∇R: the fusion saves the extra passes, not accuracy.
/// </summary>
public class FusedRegularizerTests
{
    [Fact]
    public void Elastic_net_fused_into_sgd_equals_the_regularizer_gradient_added_to_g()
    {
        var tr = Golden.Optimizer("sgd");
        double lr = tr.Hyper("lr"), lambda = 0.05, beta = 0.3;
        var fused = tr.W0.Data.ToArray();
        var separate = tr.W0.Data.ToArray();
        for (var k = 0; k < tr.Steps; k++)
        {
            var g = tr.GradAt(k);
            UserOptimizers.Call("SgdElasticNet", fused, g, (long)(k + 1), lr, lambda, beta);

            var dR = new double[separate.Length];
            ElasticNet.ValueAndGradient(separate, separate.Length, dR, beta);   // 2βw + sign(w)
            Sgd.Step(separate, g.Select((x, i) => x + lambda * dR[i]).ToArray(), k + 1, lr);

            for (var i = 0; i < tr.P; i++)
                TorchTrajectoryTests.Close(fused[i], separate[i], 1e-12, $"w[{i}] after step {k + 1}");
        }
        // The penalty mattered: plain SGD ends elsewhere.
        var plain = tr.WAfter(tr.Steps - 1);
        Assert.Contains(Enumerable.Range(0, tr.P), i => System.Math.Abs(plain[i] - fused[i]) > 1e-3 * System.Math.Abs(plain[i]));
    }
}
