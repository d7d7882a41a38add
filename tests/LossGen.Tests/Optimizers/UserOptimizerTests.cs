using System;
using System.Linq;
using Xunit;

namespace LossGen.Tests.Optimizers;

/// <summary>
/// Rules the generator has never seen (Lion, Adamax, AMSGrad) compiled through the real generator
/// and checked step by step against plain C# written from the papers' formulas, in double, over
/// sizes that exercise the vector body and the masked tail.
/// </summary>
public class UserOptimizerTests
{
    private const int Steps = 10;

    private static (double[] W, double[][] G) Problem(int p, int seed)
    {
        var rng = new Random(seed);
        var w = Enumerable.Range(0, p).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var g = Enumerable.Range(0, Steps).Select(_ => Enumerable.Range(0, p).Select(_ => rng.NextDouble() * 2 - 1).ToArray()).ToArray();
        return (w, g);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    public void Lion_matches_its_formula(int p)
    {
        var (w, gs) = Problem(p, 1);
        var reference = w.ToArray();
        var m = new double[p];
        var mRef = new double[p];
        const double lr = 1e-2, b1 = 0.9, b2 = 0.99, wd = 0.1;
        for (var k = 0; k < Steps; k++)
        {
            UserOptimizers.Call("Lion", w, gs[k], m, (long)(k + 1), lr, b1, b2, wd);
            for (var i = 0; i < p; i++)
            {
                var c = b1 * mRef[i] + (1 - b1) * gs[k][i];
                reference[i] -= lr * (Math.Sign(c) + wd * reference[i]);
                mRef[i] = b2 * mRef[i] + (1 - b2) * gs[k][i];
            }
            AssertAll(w, reference, $"Lion w, step {k + 1}");
            AssertAll(m, mRef, $"Lion m, step {k + 1}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    public void Adamax_matches_its_formula(int p)
    {
        var (w, gs) = Problem(p, 2);
        var reference = w.ToArray();
        double[] m = new double[p], u = new double[p], mRef = new double[p], uRef = new double[p];
        const double lr = 2e-3, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        for (var k = 0; k < Steps; k++)
        {
            UserOptimizers.Call("Adamax", w, gs[k], m, u, (long)(k + 1), lr);
            for (var i = 0; i < p; i++)
            {
                mRef[i] = b1 * mRef[i] + (1 - b1) * gs[k][i];
                uRef[i] = Math.Max(b2 * uRef[i], Math.Abs(gs[k][i]) + eps);
                reference[i] -= lr / (1 - Math.Pow(b1, k + 1)) * mRef[i] / uRef[i];
            }
            AssertAll(w, reference, $"Adamax w, step {k + 1}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    public void AmsGrad_matches_its_formula(int p)
    {
        var (w, gs) = Problem(p, 3);
        // Shrinking gradients make v fall, so the running maximum is what drives the step.
        for (var k = 0; k < Steps; k++) gs[k] = gs[k].Select(x => x * Math.Pow(0.5, k)).ToArray();
        var reference = w.ToArray();
        double[] m = new double[p], v = new double[p], vMax = new double[p];
        double[] mRef = new double[p], vRef = new double[p], vMaxRef = new double[p];
        const double lr = 1e-3, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        for (var k = 0; k < Steps; k++)
        {
            UserOptimizers.Call("AmsGrad", w, gs[k], m, v, vMax, (long)(k + 1), lr);
            for (var i = 0; i < p; i++)
            {
                mRef[i] = b1 * mRef[i] + (1 - b1) * gs[k][i];
                vRef[i] = b2 * vRef[i] + (1 - b2) * gs[k][i] * gs[k][i];
                vMaxRef[i] = Math.Max(vMaxRef[i], vRef[i]);
                var mHat = mRef[i] / (1 - Math.Pow(b1, k + 1));
                var vHat = vMaxRef[i] / (1 - Math.Pow(b2, k + 1));
                reference[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
            }
            AssertAll(w, reference, $"AMSGrad w, step {k + 1}");
            AssertAll(vMax, vMaxRef, $"AMSGrad vMax, step {k + 1}");
        }
        Assert.Contains(Enumerable.Range(0, p), i => vMax[i] > v[i]);
    }

    [Fact]
    public void Constant_subexpressions_have_their_CSharp_values()
    {
        var w = new[] { 1.0, -2.0 };
        UserOptimizers.Call("IntegerDivision", w, new[] { 4.0, 8.0 }, 1L);
        Assert.Equal(new[] { 1.0 - 2.0, -2.0 - 4.0 }, w);
    }

    [Fact]
    public void A_user_rule_validates_its_arguments_like_a_built_in()
    {
        var w = new[] { 1.0, 2.0 };
        var ex = Assert.Throws<ArgumentException>(() => UserOptimizers.Call("Adamax", w, new[] { 1.0 }, new double[2], new double[2], 1L, 1e-3));
        Assert.Equal("g", ex.ParamName);
        Assert.Equal(new[] { 1.0, 2.0 }, w);
    }

    private static void AssertAll(double[] actual, double[] expected, string what)
    {
        for (var i = 0; i < actual.Length; i++)
            TorchTrajectoryTests.Close(actual[i], expected[i], 1e-12, $"{what}, element {i}");
    }
}
