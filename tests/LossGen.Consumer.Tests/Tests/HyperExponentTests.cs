using System;
using System.Linq;
using LossGen.Consumer.Tests.Declarations;
using LossGen.Consumer.Tests.Support;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>
/// <c>Pow(x, gamma)</c> with a hyper-parameter exponent (issue 12 part 5): value and gradient
/// against a plain C# reference and centered differences, against the literal exponent 2, and the
/// convention at x = 0, which is PyTorch's (pow_backward: 0 when γ = 0, else γ·x^(γ−1)).
/// </summary>
public class HyperExponentTests
{
    private static double[] Row(double[] s, int i, int c) => s.AsSpan(i * c, c).ToArray();

    [Theory]
    [InlineData(3, 2, 0.5, 1)]
    [InlineData(17, 12, 2.0, 2)]
    [InlineData(17, 12, 3.7, 3)]
    [InlineData(9, 5, 1.0, 4)]
    public void Focal_loss_with_gamma_matches_reference_and_gradient(int n, int c, double gamma, int seed)
    {
        var rng = new Random(seed);
        var y = Inputs.Labels(rng, n, c);
        var s = Inputs.Uniform(rng, n * c, -3, 3);
        new LossCase
        {
            Params = new[] { s },
            Value = () => FocalLossGamma.Value(s, y, n, c, gamma),
            ValueAndGradient = g => FocalLossGamma.ValueAndGradient(s, y, n, c, g[0], gamma),
            ValueFloat = () => FocalLossGamma.Value(LossCase.ToFloat(s), y, n, c, (float)gamma),
            ValueAndGradientFloat = g => FocalLossGamma.ValueAndGradient(LossCase.ToFloat(s), y, n, c, g[0], (float)gamma),
            Reference = () => Enumerable.Range(0, n).Sum(i =>
            {
                var row = Row(s, i, c);
                var logp = row[y[i]] - Inputs.LogSumExp(row);
                return -Math.Pow(1 - Math.Exp(logp), gamma) * logp;
            }) / n,
        }.CheckAll();
    }

    /// <summary>
    /// At γ = 2 the run-time exp(2·log x) and the literal's x·x differ only by the rounding of
    /// log and exp (a few ulps, |log x| ≤ 7 here): 1e-13 relative in double, 1e-6 in float.
    /// </summary>
    [Theory]
    [InlineData(17, 12, 5)]
    [InlineData(40, 3, 6)]
    public void Gamma_two_agrees_with_the_literal_exponent(int n, int c, int seed)
    {
        var rng = new Random(seed);
        var y = Inputs.Labels(rng, n, c);
        var s = Inputs.Uniform(rng, n * c, -3, 3);
        var (gHyper, gLiteral) = (new double[n * c], new double[n * c]);
        var vHyper = FocalLossGamma.ValueAndGradient(s, y, n, c, gHyper, 2.0);
        var vLiteral = FocalLoss.ValueAndGradient(s, y, n, c, gLiteral);
        AssertClose(vLiteral, vHyper, gLiteral, gHyper, 1e-13);

        var sf = LossCase.ToFloat(s);
        var (fHyper, fLiteral) = (new float[n * c], new float[n * c]);
        var vfHyper = FocalLossGamma.ValueAndGradient(sf, y, n, c, fHyper, 2f);
        var vfLiteral = FocalLoss.ValueAndGradient(sf, y, n, c, fLiteral);
        AssertClose(vfLiteral, vfHyper, fLiteral.Select(v => (double)v).ToArray(), fHyper.Select(v => (double)v).ToArray(), 1e-6);
    }

    private static void AssertClose(double expected, double actual, double[] expectedGradient, double[] actualGradient, double relative)
    {
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"value {actual:R} vs literal {expected:R}");
        var max = expectedGradient.Max(Math.Abs);
        for (var k = 0; k < expectedGradient.Length; k++)
            Assert.True(Math.Abs(actualGradient[k] - expectedGradient[k]) <= relative * max,
                $"gradient[{k}] {actualGradient[k]:R} vs literal {expectedGradient[k]:R}");
    }

    // 19 elements: a vector body and a masked tail at every width; zeros among them in both.
    private static readonly double[] W = Enumerable.Range(0, 19).Select(k => k % 3 == 0 ? 0.0 : 0.25 * k).ToArray();

    /// <summary>
    /// PyTorch's values: 0^γ = Math.Pow(0, γ) (1 at γ = 0); the slope at 0 is 0 for γ = 0 (the
    /// exponent-0 branch of pow_backward) and γ·0^(γ−1) otherwise: +∞ for 0 &lt; γ &lt; 1, 1 at γ = 1,
    /// 0 for γ &gt; 1. Away from 0 it is γ·w^(γ−1).
    /// </summary>
    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.5, double.PositiveInfinity)]
    [InlineData(1.0, 1.0)]
    [InlineData(2.0, 0.0)]
    [InlineData(3.5, 0.0)]
    public void Slope_at_zero_follows_the_PyTorch_convention(double gamma, double slopeAtZero)
    {
        var value = W.Sum(w => Math.Pow(w, gamma));
        var slope = W.Select(w => w == 0 ? slopeAtZero : gamma == 0 ? 0 : gamma * Math.Pow(w, gamma - 1)).ToArray();
        foreach (var (name, run, runFloat) in new (string, Func<double[], double[], double>, Func<float[], float[], float>)[]
                 {
                     ("index notation", (x, g) => PowerSum.ValueAndGradient(x, x.Length, g, gamma), (x, g) => PowerSum.ValueAndGradient(x, x.Length, g, (float)gamma)),
                     ("whole tensor", (x, g) => PowerSumWhole.ValueAndGradient(x, x.Length, g, gamma), (x, g) => PowerSumWhole.ValueAndGradient(x, x.Length, g, (float)gamma)),
                 })
        {
            var g = new double[W.Length];
            Assert.True(Math.Abs(run(W, g) - value) <= 1e-13 * value, $"{name}: value");
            var gf = new float[W.Length];
            Assert.True(Math.Abs(runFloat(LossCase.ToFloat(W), gf) - value) <= 1e-6 * value, $"{name}: float value");
            for (var k = 0; k < W.Length; k++)
            {
                Assert.True(slope[k] == g[k] || Math.Abs(g[k] - slope[k]) <= 1e-13 * Math.Abs(slope[k]), $"{name}: slope[{k}] = {g[k]:R}, expected {slope[k]:R}");
                Assert.True(slope[k] == gf[k] || Math.Abs(gf[k] - slope[k]) <= 1e-6 * Math.Abs(slope[k]), $"{name}: float slope[{k}] = {gf[k]:R}, expected {slope[k]:R}");
            }
        }
    }

    /// <summary>No run-time exponent is known to be an integer, so x^γ of x &lt; 0 is NaN, whatever γ.</summary>
    [Fact]
    public void A_negative_base_gives_NaN()
    {
        Assert.True(double.IsNaN(PowerSum.Value(new[] { 0.5, -2.0 }, 2, 2.0)));
        Assert.True(float.IsNaN(PowerSum.Value(new[] { 0.5f, -2f }, 2, 2f)));
    }
}
