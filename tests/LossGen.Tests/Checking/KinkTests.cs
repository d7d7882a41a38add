using System;
using System.Linq;
using System.Numerics;
using LossGen.Checking;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Checking;

/// <summary>
/// Correct subgradients at and near kinks pass, are listed as kink coordinates, and would have
/// failed the naive centered check (so these tests exercise the kink handling, not luck); a wrong
/// subgradient at a kink fails.
/// </summary>
public class KinkTests
{
    private const int Rows = 3, Classes = 4;
    private static readonly int[] Labels = { 0, 2, 1 };

    // s_iy = 2, so a score of 1 puts its margin s_ij − s_iy + 1 exactly at 0 (exact in float too);
    // 0.5 is an inactive margin and 2.5 or 3 an active one. Row 1 has two margins at 0 at once.
    private static readonly double[] SvmAtKinks =
    {
        2, 1, 0.5, 2.5,
        1, 2.5, 2, 1,
        0.5, 2, 1, 3,
    };

    private static readonly int[] MarginAtZero = { 1, 4, 7, 10 };

    private static readonly GradCheckOptions Naive = new() { DetectKinks = false };

    [Fact]
    public void Svm_exactly_at_kinks_passes_with_a_subgradient_check_in_double() => SvmAtKinksPasses<double>(squared: false);

    [Fact]
    public void Svm_exactly_at_kinks_passes_with_a_subgradient_check_in_float() => SvmAtKinksPasses<float>(squared: false);

    [Fact]
    public void Svm_near_kinks_passes_by_shrinking_the_step_in_double() => SvmNearKinksPasses<double>(squared: false);

    [Fact]
    public void Svm_near_kinks_passes_by_shrinking_the_step_in_float() => SvmNearKinksPasses<float>(squared: false);

    [Fact]
    public void Squared_hinge_exactly_at_kinks_passes_in_double()
    {
        var report = GradCheck.Check(Svm<double>(squared: true), SvmAtKinks, Scores);
        report.Passed.ShouldBeTrue(report.ToString());
    }

    [Fact]
    public void Squared_hinge_near_kinks_passes_in_double() => SvmNearKinksPasses<double>(squared: true);

    [Fact]
    public void Squared_hinge_near_kinks_passes_in_float()
    {
        // The squared hinge is differentiable; only its curvature jumps. At the float step that
        // costs about h·Δf″/2 ≈ 2e-3 of slope per unit of Δf″, below the float tolerance, so
        // here (unlike in double) the naive check passes too and no kink handling is required.
        SvmNearKinksPasses<float>(squared: true, naiveFails: false);
    }

    [Fact]
    public void L1_at_zero_passes_and_is_listed_with_its_interval_in_double() => L1AtZero<double>();

    [Fact]
    public void L1_at_zero_passes_and_is_listed_with_its_interval_in_float() => L1AtZero<float>();

    [Fact]
    public void L1_near_zero_passes_in_double() => NearZeroPasses<double, L1<double>>(new L1<double>(0));

    [Fact]
    public void L1_near_zero_passes_in_float() => NearZeroPasses<float, L1<float>>(new L1<float>(0));

    [Fact]
    public void Relu_at_zero_passes_in_double() => ReluAtZero<double>();

    [Fact]
    public void Relu_at_zero_passes_in_float() => ReluAtZero<float>();

    [Fact]
    public void Relu_near_zero_passes_in_double() => NearZeroPasses<double, WeightedRelu<double>>(default);

    [Fact]
    public void Relu_near_zero_passes_in_float() => NearZeroPasses<float, WeightedRelu<float>>(default);

    [Theory]
    [InlineData(2.0)]
    [InlineData(-1.5)]
    public void A_subgradient_outside_the_interval_fails_at_the_kink(double wrong)
    {
        var w = new double[] { 0.7, 0, -1.2, 0 };

        var report = GradCheck.Check(new L1<double>(wrong), w, ParameterLayout.Single("w", 4));

        report.Passed.ShouldBeFalse();
        report.Failures.Select(f => f.Coordinate.ToString()).OrderBy(s => s).ToArray().ShouldBe(new[] { "w[1]", "w[3]" }, customMessage: report.ToString());
        foreach (var failure in report.Failures)
        {
            failure.Kind.ShouldBe(CoordinateKind.AtKink);
            failure.Lower.ShouldBe(-1, 1e-6);
            failure.Upper.ShouldBe(1, 1e-6);
        }

        report.ToString().ShouldContain("subgradient interval");
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.25)]
    public void Any_subgradient_inside_the_interval_passes(double valid)
    {
        var report = GradCheck.Check(new L1<double>(valid), new double[] { 0, 0.3 });
        report.Passed.ShouldBeTrue(report.ToString());
    }

    [Fact]
    public void A_wrong_subgradient_is_caught_in_float()
    {
        var report = GradCheck.Check(new L1<float>(2f), new float[] { 0, 0.3f });
        report.Failures.ShouldHaveSingleItem(report.ToString()).Coordinate.ToString().ShouldBe("x[0]");
    }

    [Fact]
    public void A_wrong_gradient_near_a_kink_is_still_caught()
    {
        // Shrinking the step must not become a hiding place: the side of the kink is known.
        double h = NumericStep.For<double>(0);
        var w = new double[] { h / 3, -h / 3 };
        var wrong = new DelegateGradientFunction<double>(new L1<double>(0).Value, (x, g) =>
        {
            g[0] = 0.5; // the derivative here is exactly 1
            g[1] = -1;
            return new L1<double>(0).Value(x);
        });

        var report = GradCheck.Check(wrong, w);

        var failure = report.Failures.ShouldHaveSingleItem(report.ToString());
        failure.Coordinate.ToString().ShouldBe("x[0]");
        failure.Kind.ShouldBe(CoordinateKind.NearKink);
        failure.Numeric.ShouldBe(1, 1e-6);
    }

    [Fact]
    public void A_kink_where_the_loss_is_zero_stops_halving_at_the_resolution_of_float()
    {
        // With f = 0 at x there is no rounding noise to stop the halving, so it must stop where
        // x ± h can no longer be represented (s = 1 in float: spacing 2⁻²³) instead of throwing.
        var svm = new MulticlassSvm<float>(1, 3, new[] { 0 });
        var scores = new float[] { 2, 1, 0 };

        var report = GradCheck.Check(svm, scores, null, new GradCheckOptions { MaxStepHalvings = 40 });

        report.Passed.ShouldBeTrue(report.ToString());
        var kink = report.Find("x[1]").ShouldNotBeNull();
        kink.Kind.ShouldBe(CoordinateKind.AtKink);
        kink.Step.ShouldBeGreaterThanOrEqualTo(Math.ScaleB(1, -22));
        GradCheck.Check(new MulticlassSvm<float>(1, 3, new[] { 0 }), scores, null, Naive).Passed.ShouldBeFalse();
    }

    private static ParameterLayout Scores => ParameterLayout.Single("s", Rows, Classes);

    private static MulticlassSvm<T> Svm<T>(bool squared)
        where T : unmanaged, IFloatingPointIeee754<T>
        => new(Rows, Classes, Labels, squared);

    private static void SvmAtKinksPasses<T>(bool squared)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var scores = SvmAtKinks.Select(T.CreateTruncating).ToArray();

        var report = GradCheck.Check(Svm<T>(squared), scores, Scores);

        report.Passed.ShouldBeTrue(report.ToString());
        // Every coordinate whose own margin is at 0 is judged at a kink and checked as a subgradient.
        var atKink = report.KinkCoordinates.Where(c => c.Kind == CoordinateKind.AtKink).Select(c => c.Coordinate.FlatIndex).ToArray();
        atKink.ShouldBeSubsetOf(Enumerable.Range(0, Rows * Classes), report.ToString());
        MarginAtZero.ShouldBeSubsetOf(atKink, report.ToString());
        // The slope convention is 0 at the kink, the lower end of [0, 1/N].
        var first = report.Find("s[0, 1]").ShouldNotBeNull();
        first.Analytic.ShouldBe(0);
        first.Lower.ShouldBe(0, 1e-3);
        first.Upper.ShouldBe(1.0 / Rows, 1e-3);

        // The naive centered check sees the average slope 1/(2N) there and fails falsely.
        GradCheck.Check(Svm<T>(squared), scores, Scores, Naive).Passed.ShouldBeFalse();
    }

    private static void SvmNearKinksPasses<T>(bool squared, bool naiveFails = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Move each zero margin by a third of the step, alternately up and down, so both the
        // s_ij and the s_iy probes straddle a kink.
        double h = NumericStep.For<T>(1.0);
        var scores = SvmAtKinks.Select(T.CreateTruncating).ToArray();
        for (int k = 0; k < MarginAtZero.Length; k++)
            scores[MarginAtZero[k]] = T.CreateTruncating(1 + (k % 2 == 0 ? h : -h) / 3);

        var report = GradCheck.Check(Svm<T>(squared), scores, Scores);

        report.Passed.ShouldBeTrue(report.ToString());
        if (!naiveFails)
            return;
        report.NearKinkCount.ShouldBeGreaterThan(0, report.ToString());
        GradCheck.Check(Svm<T>(squared), scores, Scores, Naive).Passed.ShouldBeFalse();
    }

    private static void L1AtZero<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var w = new[] { 0.5, 0, -1.25, 0, 3 }.Select(T.CreateTruncating).ToArray();

        var report = GradCheck.Check(new L1<T>(T.Zero), w, ParameterLayout.Single("w", 5));

        report.Passed.ShouldBeTrue(report.ToString());
        // The centered difference of |w| at 0 is 0 and would agree with the analytic 0 by
        // symmetry; the report must still say these were kinks, not pass them silently.
        report.KinkCoordinates.Select(c => c.Coordinate.ToString()).ShouldBe(new[] { "w[1]", "w[3]" });
        foreach (var c in report.KinkCoordinates)
        {
            c.Kind.ShouldBe(CoordinateKind.AtKink);
            c.Lower.ShouldBe(-1, 1e-3);
            c.Upper.ShouldBe(1, 1e-3);
        }

        report.ToString().ShouldContain("w[1]");
    }

    private static void ReluAtZero<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new[] { 0, 0, 0, 0.5, -0.5, 1.5 }.Select(T.CreateTruncating).ToArray();

        var report = GradCheck.Check(new WeightedRelu<T>(), x);

        report.Passed.ShouldBeTrue(report.ToString());
        report.AtKinkCount.ShouldBe(3, report.ToString());
        GradCheck.Check(new WeightedRelu<T>(), x, null, Naive).Passed.ShouldBeFalse();
    }

    private static void NearZeroPasses<T, TFunction>(TFunction function)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TFunction : IGradientFunction<T>
    {
        double h = NumericStep.For<T>(0);
        var x = new[] { h / 3, -h / 3, h / 4, -h / 5, 0.75 }.Select(T.CreateTruncating).ToArray();

        var report = GradCheck.Check(function, x);

        report.Passed.ShouldBeTrue(report.ToString());
        report.NearKinkCount.ShouldBe(4, report.ToString());
        GradCheck.Check(function, x, null, Naive).Passed.ShouldBeFalse();
    }
}
