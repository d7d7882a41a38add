using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Builtins;
using LossGen.Optimization;
using Xunit;

namespace LossGen.Tests.Optimizers.Fused;

/// <summary>
/// The fused Step (one pass: g + λ∇R(w) formed in registers) against the same step done in two
/// passes, for every built-in optimizer and regularizer, float and double, over lengths that are
/// and are not multiples of the vector widths (16 floats or 8 doubles with AVX-512), for 5 steps.
/// </summary>
public class FusedStepTests
{
    private const double Lambda = 0.05, Beta = 0.3;
    private const int Steps = 5;

    public static IEnumerable<object[]> Cases() =>
        from name in BuiltinSteps.Names
        from penalty in new[] { "L2", "L1", "ElasticNet" }
        select new object[] { name, penalty };

    private static readonly int[] Lengths = { 1, 3, 7, 8, 15, 16, 17, 31, 33, 69 };

    /// <summary>
    /// Against the regularizer's own generated ValueAndGradient (a different compiler path: the
    /// loss lowering), scaled by λ and added to g, then the plain Step. The fused kernel computes
    /// λ·f′(w) with λ folded into the per-call constant (λ·2 once, not per element), so the two
    /// agree to rounding: 1e-13 of the weight (or of 1 near 0) in double, 1e-5 in float.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Fused_step_equals_regularizer_gradient_then_step_in_double(string optimizer, string penalty)
    {
        foreach (var n in Lengths)
        {
            var (fused, separate) = (Weights(n), Weights(n));
            var (sf, ss) = (States(optimizer, n), States(optimizer, n));
            for (var k = 0; k < Steps; k++)
            {
                var g = Gradient(n, k);
                Fuse(optimizer, penalty, fused, g, sf, k + 1);

                var dR = new double[n];
                RegularizerGradient(penalty, separate, dR);
                BuiltinSteps.Plain(optimizer, separate, g.Select((x, i) => x + Lambda * dR[i]).ToArray(), ss, k + 1);

                for (var i = 0; i < n; i++)
                    Near(fused[i], separate[i], 1e-13, $"{optimizer}+{penalty}, n = {n}: w[{i}] after step {k + 1}");
            }
            AssertPenaltyMattered(optimizer, penalty, n, fused);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fused_step_equals_regularizer_gradient_then_step_in_float(string optimizer, string penalty)
    {
        foreach (var n in Lengths)
        {
            var (fused, separate) = (ToFloat(Weights(n)), ToFloat(Weights(n)));
            var (sf, ss) = (FloatStates(optimizer, n), FloatStates(optimizer, n));
            for (var k = 0; k < Steps; k++)
            {
                var g = ToFloat(Gradient(n, k));
                FuseFloat(optimizer, penalty, fused, g, sf, k + 1);

                var dR = new float[n];
                RegularizerGradient(penalty, separate, dR);
                BuiltinSteps.Plain(optimizer, separate, g.Select((x, i) => x + (float)Lambda * dR[i]).ToArray(), ss, k + 1);

                for (var i = 0; i < n; i++)
                    Near(fused[i], separate[i], 1e-5, $"{optimizer}+{penalty} (float), n = {n}: w[{i}] after step {k + 1}");
            }
        }
    }

    /// <summary>
    /// The fusion itself is exact: adding the Penalty's scalar Gradient to g first and taking the
    /// plain step gives the same bits, element by element, in every lane and in the masked tail.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Fused_step_is_bitwise_the_penalty_gradient_added_to_g(string optimizer, string penalty)
    {
        foreach (var n in Lengths)
        {
            var (fused, separate) = (Weights(n), Weights(n));
            var (sf, ss) = (States(optimizer, n), States(optimizer, n));
            var (fusedF, separateF) = (ToFloat(Weights(n)), ToFloat(Weights(n)));
            var (sfF, ssF) = (FloatStates(optimizer, n), FloatStates(optimizer, n));
            for (var k = 0; k < Steps; k++)
            {
                var g = Gradient(n, k);
                Fuse(optimizer, penalty, fused, g, sf, k + 1);
                BuiltinSteps.Plain(optimizer, separate, g.Select((x, i) => x + ScalarGradient(penalty, separate[i])).ToArray(), ss, k + 1);
                Assert.Equal(separate, fused);
                for (var b = 0; b < sf.Length; b++) Assert.Equal(ss[b], sf[b]);

                var gF = ToFloat(g);
                FuseFloat(optimizer, penalty, fusedF, gF, sfF, k + 1);
                BuiltinSteps.Plain(optimizer, separateF, gF.Select((x, i) => x + ScalarGradient(penalty, separateF[i])).ToArray(), ssF, k + 1);
                Assert.Equal(separateF, fusedF);
                for (var b = 0; b < sfF.Length; b++) Assert.Equal(ssF[b], sfF[b]);
            }
        }
    }

    /// <summary>docs/subgradients.md: |w| has derivative sign(w), 0 at w = 0, so a zero weight with a zero gradient stays put under SGD + L1.</summary>
    [Fact]
    public void L1_subgradient_at_zero_is_zero()
    {
        var penalty = new L1.Penalty(0.5);
        Assert.Equal(0.0, penalty.Gradient(0.0));
        Assert.Equal(0f, penalty.Gradient(-0f));
        Assert.Equal(0.5, penalty.Gradient(1e-300));
        Assert.Equal(-0.5f, penalty.Gradient(-3f));

        var w = new double[19];                                 // a full vector and a tail
        w[5] = 2;                                               // one weight away from 0 moves by lr·λ·sign(w)
        Sgd.Step(w, new double[19], 1, penalty, lr: 0.1);
        Assert.Equal(2 - 0.1 * 0.5, w[5]);
        Assert.All(w.Where((_, i) => i != 5), x => Assert.Equal(0.0, x));
    }

    /// <summary>λ = 0 and <c>default(Penalty)</c> (λ = 0) are the plain step, bit for bit.</summary>
    [Fact]
    public void Zero_lambda_is_the_plain_step()
    {
        foreach (var optimizer in BuiltinSteps.Names)
        {
            var (a, b, c) = (Weights(21), Weights(21), Weights(21));
            var (sa, sb, sc) = (States(optimizer, 21), States(optimizer, 21), States(optimizer, 21));
            BuiltinSteps.Plain(optimizer, a, Gradient(21, 0), sa, 1);
            BuiltinSteps.Fused(optimizer, b, Gradient(21, 0), sb, 1, new L2.Penalty(0));
            BuiltinSteps.Fused(optimizer, c, Gradient(21, 0), sc, 1, default(ElasticNet.Penalty));
            Assert.Equal(a, b);
            Assert.Equal(a, c);
        }
    }

    // ---- helpers ----

    private static void Fuse(string optimizer, string penalty, double[] w, double[] g, double[][] s, long t)
    {
        switch (penalty)
        {
            case "L2": BuiltinSteps.Fused(optimizer, w, g, s, t, new L2.Penalty(Lambda)); break;
            case "L1": BuiltinSteps.Fused(optimizer, w, g, s, t, new L1.Penalty(Lambda)); break;
            default: BuiltinSteps.Fused(optimizer, w, g, s, t, new ElasticNet.Penalty(Lambda, Beta)); break;
        }
    }

    private static void FuseFloat(string optimizer, string penalty, float[] w, float[] g, float[][] s, long t)
    {
        switch (penalty)
        {
            case "L2": BuiltinSteps.Fused(optimizer, w, g, s, t, new L2.Penalty(Lambda)); break;
            case "L1": BuiltinSteps.Fused(optimizer, w, g, s, t, new L1.Penalty(Lambda)); break;
            default: BuiltinSteps.Fused(optimizer, w, g, s, t, new ElasticNet.Penalty(Lambda, Beta)); break;
        }
    }

    private static double ScalarGradient(string penalty, double w) => penalty switch
    {
        "L2" => new L2.Penalty(Lambda).Gradient(w),
        "L1" => new L1.Penalty(Lambda).Gradient(w),
        _ => new ElasticNet.Penalty(Lambda, Beta).Gradient(w),
    };

    private static float ScalarGradient(string penalty, float w) => penalty switch
    {
        "L2" => new L2.Penalty(Lambda).Gradient(w),
        "L1" => new L1.Penalty(Lambda).Gradient(w),
        _ => new ElasticNet.Penalty(Lambda, Beta).Gradient(w),
    };

    private static void RegularizerGradient(string penalty, double[] w, double[] dR)
    {
        switch (penalty)
        {
            case "L2": L2.ValueAndGradient(w, w.Length, dR); break;
            case "L1": L1.ValueAndGradient(w, w.Length, dR); break;
            default: ElasticNet.ValueAndGradient(w, w.Length, dR, Beta); break;
        }
    }

    private static void RegularizerGradient(string penalty, float[] w, float[] dR)
    {
        switch (penalty)
        {
            case "L2": L2.ValueAndGradient(w, w.Length, dR); break;
            case "L1": L1.ValueAndGradient(w, w.Length, dR); break;
            default: ElasticNet.ValueAndGradient(w, w.Length, dR, (float)Beta); break;
        }
    }

    /// <summary>The same run without the penalty must end elsewhere, or the test would prove nothing.</summary>
    private static void AssertPenaltyMattered(string optimizer, string penalty, int n, double[] fused)
    {
        var plain = Weights(n);
        var s = States(optimizer, n);
        for (var k = 0; k < Steps; k++) BuiltinSteps.Plain(optimizer, plain, Gradient(n, k), s, k + 1);
        Assert.True(Enumerable.Range(0, n).Any(i => Math.Abs(plain[i] - fused[i]) > 1e-6),
            $"{optimizer}+{penalty}, n = {n}: the penalty did not change the weights");
    }

    /// <summary>Weights of both signs and magnitudes, none at 0 (the L1 kink is tested on its own).</summary>
    internal static double[] Weights(int n) =>
        Enumerable.Range(0, n).Select(i => (i % 2 == 0 ? 1 : -1) * (0.3 + 1.7 * ((i * 37 % 11) / 11.0))).ToArray();

    internal static double[] Gradient(int n, int step) =>
        Enumerable.Range(0, n).Select(i => Math.Sin(1.3 * i + 0.7 * step) * (1 + step % 3)).ToArray();

    private static double[][] States(string optimizer, int n) =>
        Enumerable.Range(0, BuiltinSteps.StateCount(optimizer)).Select(_ => new double[n]).ToArray();

    private static float[][] FloatStates(string optimizer, int n) =>
        Enumerable.Range(0, BuiltinSteps.StateCount(optimizer)).Select(_ => new float[n]).ToArray();

    private static float[] ToFloat(double[] x) => Array.ConvertAll(x, v => (float)v);

    /// <summary>|actual − expected| ≤ tol · max(|expected|, 1): relative for weights of size ≥ 1, absolute below.</summary>
    private static void Near(double actual, double expected, double tol, string what) =>
        Assert.True(Math.Abs(actual - expected) <= tol * Math.Max(Math.Abs(expected), 1),
            $"{what}: got {actual:R}, expected {expected:R}");
}
