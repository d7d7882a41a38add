using System;
using System.Linq;
using LossGen.Consumer.Tests.Declarations;
using LossGen.Consumer.Tests.Support;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

public class SemiVarianceTests
{
    /// <summary>
    /// The guard switches where s_ij = μ_i, but the guarded term (s_ij − μ_i)² vanishes there with
    /// its slope, so the loss is C¹; rows are still redrawn until every |s_ij − μ_i| ≥ 0.01 so that no
    /// difference straddles the switch.
    /// </summary>
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 6, 2)]
    [InlineData(7, 5, 3)]
    [InlineData(15, 21, 4)]
    public void SemiVariance_matches_reference_and_gradient(int n, int c, int seed)
    {
        var rng = new Random(seed);
        var s = new double[n * c];
        for (var i = 0; i < n; i++)
        {
            double[] row;
            do row = Inputs.Uniform(rng, c, -2, 2);
            while (c > 1 && row.Any(v => Math.Abs(v - row.Average()) < 0.01));
            row.CopyTo(s, i * c);
        }
        new LossCase
        {
            Params = new[] { s },
            Value = () => SemiVariance.Value(s, n, c),
            ValueAndGradient = g => SemiVariance.ValueAndGradient(s, n, c, g[0]),
            ValueFloat = () => SemiVariance.Value(LossCase.ToFloat(s), n, c),
            ValueAndGradientFloat = g => SemiVariance.ValueAndGradient(LossCase.ToFloat(s), n, c, g[0]),
            Reference = () => Enumerable.Range(0, n).Sum(i =>
            {
                var row = s.Skip(i * c).Take(c).ToArray();
                var mu = row.Average();
                return row.Where(v => v > mu).Sum(v => (v - mu) * (v - mu));
            }) / n,
        }.CheckAll();
    }

    [Fact]
    public void Sigmoid_and_softplus_are_finite_and_right_at_huge_inputs()
    {
        double[] x = { -1000, 1000, -1e30, 1e30 };
        var g = new double[4];
        var v = SigmoidSoftplus.ValueAndGradient(x, 4, g);
        // σ: 0, 1, 0, 1; softplus(−x): 1000, 0, 1e30, 0.
        Assert.Equal(2 + 1000 + 1e30, v, 1e15);
        // d/dx [σ(x) + softplus(−x)] = σ(x)(1 − σ(x)) − σ(−x): −1, 0, −1, 0.
        Assert.Equal(new[] { -1.0, 0.0, -1.0, 0.0 }, g.Select(t => Math.Round(t, 12)).ToArray());
        var gf = new float[4];
        var vf = SigmoidSoftplus.ValueAndGradient(x.Select(t => (float)t).ToArray(), 4, gf);
        Assert.True(float.IsFinite(vf));
        Assert.Equal(new[] { -1.0f, 0.0f, -1.0f, 0.0f }, gf.Select(t => MathF.Round(t, 6)).ToArray());
    }
}
