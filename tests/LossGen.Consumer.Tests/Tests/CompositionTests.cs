using System;
using System.Linq;
using LossGen.Consumer.Tests.Declarations;
using LossGen.Consumer.Tests.Support;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

public class CompositionTests
{
    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(4, 3, 6, 2)]
    [InlineData(10, 7, 18, 3)]
    public void NestedComprehension_matches_reference_and_gradient(int n, int d, int c, int seed)
    {
        var rng = new Random(seed);
        var X = Inputs.Uniform(rng, n * d, -1, 1);
        var W = Inputs.Uniform(rng, d * c, -1, 1);
        var Xf = LossCase.ToFloat(X);
        new LossCase
        {
            Params = new[] { W },
            Value = () => NestedComprehension.Value(X, W, n, d, c),
            ValueAndGradient = g => NestedComprehension.ValueAndGradient(X, W, n, d, c, g[0]),
            ValueFloat = () => NestedComprehension.Value(Xf, LossCase.ToFloat(W), n, d, c),
            ValueAndGradientFloat = g => NestedComprehension.ValueAndGradient(Xf, LossCase.ToFloat(W), n, d, c, g[0]),
            Reference = () =>
            {
                double sum = 0;
                for (var i = 0; i < n; i++)
                    for (var j = 0; j < c; j++)
                    {
                        double h = 0;
                        for (var k = 0; k < d; k++) h += X[i * d + k] * W[k * c + j];
                        sum += Math.Pow(Math.Tanh(h), 2);
                    }
                return sum / n;
            },
        }.CheckAll();
    }

    /// <summary>The guard switches where s_ij = s_iy: rows are redrawn until every such gap is at least 0.01.</summary>
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(5, 4, 2)]
    [InlineData(19, 17, 3)]
    public void GuardedHinge_matches_reference_and_gradient(int n, int c, int seed)
    {
        var rng = new Random(seed);
        var y = Inputs.Labels(rng, n, c);
        var s = new double[n * c];
        for (var i = 0; i < n; i++)
        {
            double[] row;
            do row = Inputs.Uniform(rng, c, -2, 2);
            while (row.Where((_, j) => j != y[i]).Any(v => Math.Abs(v - row[y[i]]) < 0.01));
            row.CopyTo(s, i * c);
        }
        new LossCase
        {
            Params = new[] { s },
            Value = () => GuardedHinge.Value(s, y, n, c),
            ValueAndGradient = g => GuardedHinge.ValueAndGradient(s, y, n, c, g[0]),
            ValueFloat = () => GuardedHinge.Value(LossCase.ToFloat(s), y, n, c),
            ValueAndGradientFloat = g => GuardedHinge.ValueAndGradient(LossCase.ToFloat(s), y, n, c, g[0]),
            Reference = () => 0.5 * Enumerable.Range(0, n).Sum(i =>
                Enumerable.Range(0, c).Where(j => j != y[i]).Sum(j => Math.Max(0, s[i * c + j] - s[i * c + y[i]]))) / n,
        }.CheckAll();
    }
}

public class MultiTargetTests
{
    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(3, 4, 2, 2)]
    [InlineData(9, 5, 7, 3)]   // more targets than classes: repeats are certain
    [InlineData(24, 67, 3, 4)] // several full vectors per row
    public void MultiTargetSoftmax_matches_reference_and_gradient(int n, int c, int k, int seed)
    {
        var rng = new Random(seed);
        var y = Inputs.Labels(rng, n * k, c);
        var s = Inputs.Uniform(rng, n * c, -3, 3);
        new LossCase
        {
            Params = new[] { s },
            Value = () => MultiTargetSoftmax.Value(s, y, n, c, k),
            ValueAndGradient = g => MultiTargetSoftmax.ValueAndGradient(s, y, n, c, k, g[0]),
            ValueFloat = () => MultiTargetSoftmax.Value(LossCase.ToFloat(s), y, n, c, k),
            ValueAndGradientFloat = g => MultiTargetSoftmax.ValueAndGradient(LossCase.ToFloat(s), y, n, c, k, g[0]),
            Reference = () => Enumerable.Range(0, n).Sum(i =>
            {
                var lse = Inputs.LogSumExp(s.AsSpan(i * c, c));
                return Enumerable.Range(0, k).Sum(t => lse - s[i * c + y[i * k + t]]);
            }) / n,
        }.CheckAll();
    }
}
