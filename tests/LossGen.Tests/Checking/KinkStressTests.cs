using System;
using System.Linq;
using System.Numerics;
using LossGen.Checking;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Checking;

/// <summary>
/// Many seeded random points with kinks at every distance from the probe, including exactly on it:
/// a correct (sub)gradient must never fail, and a wrong one at a kink must always fail.
/// </summary>
public class KinkStressTests
{
    [Fact]
    public void Svm_on_a_grid_of_ties_never_fails_falsely_in_double() => SvmOnTies<double>(squared: false);

    [Fact]
    public void Svm_on_a_grid_of_ties_never_fails_falsely_in_float() => SvmOnTies<float>(squared: false);

    [Fact]
    public void Squared_hinge_on_a_grid_of_ties_never_fails_falsely_in_double() => SvmOnTies<double>(squared: true);

    [Fact]
    public void Squared_hinge_on_a_grid_of_ties_never_fails_falsely_in_float() => SvmOnTies<float>(squared: true);

    [Fact]
    public void L1_at_every_distance_from_its_kink_never_fails_falsely_in_double() => KinkAtEveryDistance<double, L1<double>>(new L1<double>(0));

    [Fact]
    public void L1_at_every_distance_from_its_kink_never_fails_falsely_in_float() => KinkAtEveryDistance<float, L1<float>>(new L1<float>(0));

    [Fact]
    public void Relu_at_every_distance_from_its_kink_never_fails_falsely_in_double() => KinkAtEveryDistance<double, WeightedRelu<double>>(default);

    [Fact]
    public void Relu_at_every_distance_from_its_kink_never_fails_falsely_in_float() => KinkAtEveryDistance<float, WeightedRelu<float>>(default);

    [Fact]
    public void A_wrong_slope_at_a_tie_is_caught()
    {
        // s[0, 1] has its margin exactly at 0, so its one-sided slopes are 0 and 1/N; adding 2/N
        // to the conventional 0 puts it outside that interval.
        const int rows = 2, classes = 3;
        var labels = new[] { 0, 1 };
        var scores = new double[] { 2, 1, 0, 0, 2, 1 };
        var svm = new MulticlassSvm<double>(rows, classes, labels);
        var wrong = new DelegateGradientFunction<double>(svm.Value, (x, g) =>
        {
            double v = svm.ValueAndGradient(x, g);
            g[1] += 2.0 / rows;
            return v;
        });

        var report = GradCheck.Check(wrong, scores, ParameterLayout.Single("s", rows, classes));

        report.Failures.ShouldHaveSingleItem(report.ToString()).Coordinate.ToString().ShouldBe("s[0, 1]");
    }

    private static void SvmOnTies<T>(bool squared)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int rows = 4, classes = 5;
        for (int seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var labels = Enumerable.Range(0, rows).Select(_ => random.Next(classes)).ToArray();
            // Scores on a grid of halves make many margins exactly 0; a third of them are then
            // nudged by 1/1000 to 2 steps (log-uniform, either sign), so kinks also fall inside the
            // stencil, some of them very close to another kink on the same coordinate line.
            var scores = new T[rows * classes];
            for (int i = 0; i < scores.Length; i++)
            {
                double v = random.Next(-4, 5) / 2.0;
                if (random.Next(3) == 0)
                    v += (random.Next(2) == 0 ? 1 : -1) * Math.Pow(10, random.NextDouble() * 3.3 - 3) * NumericStep.For<T>(v);
                scores[i] = T.CreateTruncating(v);
            }

            var report = GradCheck.Check(new MulticlassSvm<T>(rows, classes, labels, squared), scores, ParameterLayout.Single("s", rows, classes));

            report.Passed.ShouldBeTrue($"seed {seed}: {report}");
        }
    }

    private static void KinkAtEveryDistance<T, TFunction>(TFunction function)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TFunction : IGradientFunction<T>
    {
        // Distances from the kink at 0 swept through the stencil in units of the step, with the
        // landmarks of the detector's algebra (h/3, h/2, h, 2h) hit exactly.
        double h = NumericStep.For<T>(0);
        var fractions = new[] { 0.0, 1e-6, 0.01, 0.1, 0.25, 1.0 / 3, 0.4, 0.5, 0.6, 2.0 / 3, 0.75, 0.9, 0.99, 1.0, 1.01, 1.5, 2.0, 3.0 };
        var x = fractions.SelectMany(f => new[] { f * h, -f * h }).Select(T.CreateTruncating).ToArray();

        var report = GradCheck.Check(function, x);

        report.Passed.ShouldBeTrue(report.ToString());
        report.Find("x[0]").ShouldNotBeNull().Kind.ShouldBe(CoordinateKind.AtKink);
    }
}
