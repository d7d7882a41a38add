using System;
using System.Linq;
using LossGen.Tests.Builtins;
using Shouldly;

namespace LossGen.Tests.CodeFixes;

/// <summary>Inputs and comparisons for checking that a fix changed the spelling, not the function.</summary>
internal static class Numbers
{
    /// <summary>Reproducible values in [−scale, scale].</summary>
    public static double[] Uniform(int count, int seed, double scale = 3)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => scale * (2 * random.NextDouble() - 1)).ToArray();
    }

    public static int[] Labels(int n, int classes, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => random.Next(classes)).ToArray();
    }

    /// <summary>
    /// Value and gradient of the fixed and the hand-fixed declarations agree to 1e-12 relative
    /// (different spellings of one function evaluate in a different order, nothing more), and the
    /// fixed gradient matches centered differences of the fixed value (an independent check that
    /// both are not equally wrong). <paramref name="run"/> evaluates one compiled declaration at a
    /// point and writes its gradient.
    /// </summary>
    public static void ShouldAgree(double[] point, Func<double[], double[], double> fixedRun, Func<double[], double[], double> handRun)
    {
        var gFixed = new double[point.Length];
        var gHand = new double[point.Length];
        var vFixed = fixedRun((double[])point.Clone(), gFixed);
        var vHand = handRun((double[])point.Clone(), gHand);

        double.IsFinite(vFixed).ShouldBeTrue();
        Math.Abs(vFixed - vHand).ShouldBeLessThanOrEqualTo(1e-12 * Math.Max(1, Math.Abs(vHand)), $"value {vFixed:R} vs hand-fixed {vHand:R}");
        var scale = Math.Max(1, gHand.Max(Math.Abs));
        for (var k = 0; k < point.Length; k++)
            Math.Abs(gFixed[k] - gHand[k]).ShouldBeLessThanOrEqualTo(1e-12 * scale, $"gradient[{k}] {gFixed[k]:R} vs hand-fixed {gHand[k]:R}");

        var numeric = CenteredDifference.Gradient((double[])point.Clone(), x => fixedRun(x, new double[x.Length]));
        CenteredDifference.AssertMatches(gFixed, numeric, "fixed gradient");
    }
}
