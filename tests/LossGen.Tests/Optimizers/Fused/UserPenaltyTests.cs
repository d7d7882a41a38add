using System;
using System.Linq;
using Xunit;

namespace LossGen.Tests.Optimizers.Fused;

/// <summary>
/// A regularizer and optimizers the generator has never seen, declared in the same user assembly
/// (UserOptimizers.Source): Cauchy regularization R(w) = Σ log(1 + (w/s)²) fused into Lion and
/// Adamax. The reference adds λ·2w/(s² + w²), written here by hand from the formula, to g and
/// takes the plain generated step.
/// </summary>
public class UserPenaltyTests
{
    private const double Lambda = 0.2, Scale = 0.7;

    private static double CauchyDerivative(double w) => 2 * w / (Scale * Scale + w * w);

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(33)]
    public void Fused_lion_equals_the_hand_derived_penalty_gradient_then_the_plain_step(int p)
    {
        var (fused, reference) = (FusedStepTests.Weights(p), FusedStepTests.Weights(p));
        var (m, mRef) = (new double[p], new double[p]);
        for (var k = 0; k < 6; k++)
        {
            var g = FusedStepTests.Gradient(p, k);
            UserOptimizers.Call("LionCauchy", fused, g, m, (long)(k + 1), Lambda, Scale);
            var regularized = g.Select((x, i) => x + Lambda * CauchyDerivative(reference[i])).ToArray();
            UserOptimizers.Call("Lion", reference, regularized, mRef, (long)(k + 1), 0.01, 0.9, 0.99, 0.1);
            for (var i = 0; i < p; i++)
            {
                Assert.True(Math.Abs(fused[i] - reference[i]) <= 1e-14 * Math.Max(1, Math.Abs(reference[i])), $"w[{i}], step {k + 1}: {fused[i]:R} vs {reference[i]:R}");
                Assert.True(Math.Abs(m[i] - mRef[i]) <= 1e-14 * Math.Max(1, Math.Abs(mRef[i])), $"m[{i}], step {k + 1}");
            }
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(17)]
    public void Fused_adamax_equals_the_regularizer_gradient_then_the_plain_step(int p)
    {
        var (fused, separate) = (FusedStepTests.Weights(p), FusedStepTests.Weights(p));
        var (m, u, mRef, uRef) = (new double[p], new double[p], new double[p], new double[p]);
        for (var k = 0; k < 6; k++)
        {
            var g = FusedStepTests.Gradient(p, k);
            UserOptimizers.Call("AdamaxCauchy", fused, g, m, u, (long)(k + 1), Lambda, Scale);
            // The generated regularizer's own gradient, checked against the formula on the way.
            var dR = new double[p];
            UserOptimizers.Call("CauchyGradient", separate, dR, Scale);
            for (var i = 0; i < p; i++)
                Assert.True(Math.Abs(dR[i] - CauchyDerivative(separate[i])) <= 1e-14, $"dR[{i}]");
            UserOptimizers.Call("Adamax", separate, g.Select((x, i) => x + Lambda * dR[i]).ToArray(), mRef, uRef, (long)(k + 1), 0.01);
            for (var i = 0; i < p; i++)
                Assert.True(Math.Abs(fused[i] - separate[i]) <= 1e-13 * Math.Max(1, Math.Abs(separate[i])), $"w[{i}], step {k + 1}: {fused[i]:R} vs {separate[i]:R}");
        }
    }

    /// <summary>
    /// A penalty with more per-step constants than PenaltyLanes holds: the scalar Gradient and the
    /// fused step (MomentumSeed with ρ = 0 is w −= lr·g) both give λ·f′(w) with
    /// f′ = 2a·w + b·sign(w) + 4c·w³ + 2d·w / (1 + w²), written here by hand.
    /// </summary>
    [Fact]
    public void A_penalty_with_five_constants_has_the_hand_derived_gradient()
    {
        const double lambda = 0.3, lr = 0.1;
        static double F(double w) => 2 * 0.5 * w + 0.25 * Math.Sign(w) + 4 * 0.125 * w * w * w + 2 * 3 * w / (1 + w * w);
        var w = FusedStepTests.Weights(19);
        var gradient = new double[19];
        UserOptimizers.Call("ManyConstantsGradient", w, gradient, lambda);
        for (var i = 0; i < w.Length; i++)
            Assert.True(Math.Abs(gradient[i] - lambda * F(w[i])) <= 1e-14 * Math.Max(1, Math.Abs(gradient[i])), $"gradient at w[{i}] = {w[i]}");

        var stepped = w.ToArray();
        UserOptimizers.Call("ManyConstantsFused", stepped, new double[19], 1L, lambda, lr);
        for (var i = 0; i < w.Length; i++)
            Assert.True(Math.Abs(stepped[i] - (w[i] - lr * lambda * F(w[i]))) <= 1e-14 * Math.Max(1, Math.Abs(w[i])), $"w[{i}] after the fused step");
    }

    [Fact]
    public void Float_fused_lion_runs_the_same_rule()
    {
        const int p = 21;
        var fused = FusedStepTests.Weights(p).Select(x => (float)x).ToArray();
        var reference = fused.ToArray();
        var (m, mRef) = (new float[p], new float[p]);
        for (var k = 0; k < 4; k++)
        {
            var g = FusedStepTests.Gradient(p, k).Select(x => (float)x).ToArray();
            UserOptimizers.Call("LionCauchy", fused, g, m, (long)(k + 1), Lambda, Scale);
            var regularized = g.Select((x, i) => x + (float)(Lambda * CauchyDerivative(reference[i]))).ToArray();
            UserOptimizers.Call("Lion", reference, regularized, mRef, (long)(k + 1), 0.01f, 0.9f, 0.99f, 0.1f);
            for (var i = 0; i < p; i++)
                Assert.True(Math.Abs(fused[i] - reference[i]) <= 1e-6 * Math.Max(1, Math.Abs(reference[i])), $"w[{i}], step {k + 1}: {fused[i]:R} vs {reference[i]:R}");
        }
    }
}
