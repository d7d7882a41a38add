using System;
using LossGen.Consumer.Tests.Declarations;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>A user-declared optimizer, stepped as a user would, against the formula computed by hand.</summary>
public class UserOptimizerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(37)]
    public void Bias_corrected_momentum_matches_its_formula(int p)
    {
        var rng = new Random(p);
        var w = new double[p];
        for (var k = 0; k < p; k++) w[k] = rng.NextDouble() * 2 - 1;
        var m = new double[p];
        var wRef = (double[])w.Clone();
        var mRef = new double[p];
        const double lr = 0.05, beta = 0.8;

        for (long t = 1; t <= 5; t++)
        {
            var g = new double[p];
            for (var k = 0; k < p; k++) g[k] = Math.Sin(t * 0.7 + k);
            BiasCorrectedMomentum.Step(w, g, m, t, lr, beta);
            for (var k = 0; k < p; k++)
            {
                mRef[k] = beta * mRef[k] + (1 - beta) * g[k];
                wRef[k] -= lr * mRef[k] / (1 - Math.Pow(beta, t));
            }
        }

        for (var k = 0; k < p; k++)
        {
            Assert.Equal(wRef[k], w[k], 1e-12);
            Assert.Equal(mRef[k], m[k], 1e-12);
        }
    }
}
