using System;
using LossGen.Checking;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Checking;

/// <summary>When a caller says where the kinks are, the checker uses that instead of detecting them.</summary>
public class KinkOracleTests
{
    private static readonly GradCheckOptions WithOracle = new() { KinkOracle = new ZeroKinkOracle() };

    [Fact]
    public void A_point_the_oracle_puts_on_a_kink_gets_the_subgradient_check()
    {
        var report = GradCheck.Check(new L1<double>(0), new double[] { 0, 0.5 }, null, WithOracle);

        report.Passed.ShouldBeTrue(report.ToString());
        var atKink = report.KinkCoordinates.ShouldHaveSingleItem();
        atKink.Coordinate.ToString().ShouldBe("x[0]");
        atKink.Kind.ShouldBe(CoordinateKind.AtKink);
        atKink.Lower.ShouldBe(-1, 1e-9);
        atKink.Upper.ShouldBe(1, 1e-9);
    }

    [Fact]
    public void A_wrong_subgradient_fails_with_the_oracle_too()
    {
        var report = GradCheck.Check(new L1<double>(2), new double[] { 0, 0.5 }, null, WithOracle);
        report.Failures.ShouldHaveSingleItem().Coordinate.ToString().ShouldBe("x[0]");
    }

    [Fact]
    public void A_kink_inside_the_stencil_shrinks_the_step_below_half_the_distance()
    {
        double h = NumericStep.For<double>(0);
        var w = new[] { h / 3, -h / 5 };

        var report = GradCheck.Check(new L1<double>(0), w, null, WithOracle);

        report.Passed.ShouldBeTrue(report.ToString());
        report.NearKinkCount.ShouldBe(2);
        report.Coordinates[0].Step.ShouldBeLessThanOrEqualTo(h / 6);
        report.Coordinates[1].Step.ShouldBeLessThanOrEqualTo(h / 10);
    }

    [Fact]
    public void A_kink_closer_than_the_type_can_resolve_is_treated_as_at_the_point()
    {
        // 1 + 2⁻⁴⁰ is 1 in float but not in double: to the oracle (double) the kink is at that
        // tiny distance, and no float probe can stay on one side of it.
        var options = new GradCheckOptions { KinkOracle = new FixedDistanceOracle(Math.ScaleB(1, -40)) };

        var report = GradCheck.Check(new L1<float>(0), new float[] { 1 }, null, options);

        report.Coordinates[0].Kind.ShouldBe(CoordinateKind.AtKink);
        report.Passed.ShouldBeTrue(report.ToString());
    }

    private sealed class FixedDistanceOracle(double distance) : IKinkOracle
    {
        public KinkAnswer Locate(ReadOnlySpan<double> x, int coordinate, out double d)
        {
            d = distance;
            return KinkAnswer.Kink;
        }
    }

    [Fact]
    public void The_oracle_replaces_detection()
    {
        // An oracle that (wrongly) says "no kinks" turns detection off, so the probe straddles the
        // kink and the correct gradient fails: proof the oracle, not detection, decided.
        double h = NumericStep.For<double>(0);
        var options = new GradCheckOptions { KinkOracle = new NoKinkOracle() };

        var report = GradCheck.Check(new L1<double>(0), new[] { h / 3 }, null, options);

        report.Passed.ShouldBeFalse();
        report.KinkCoordinates.ShouldBeEmpty();
    }

    [Fact]
    public void An_undecided_coordinate_is_not_taken_as_smooth()
    {
        // Where "smooth" fails the correct gradient (the NoKinkOracle test above), "unknown" falls
        // back to numeric detection, which shrinks the step past the kink at h/3: it passes, and the
        // report says the oracle could not decide.
        double h = NumericStep.For<double>(0);
        var options = new GradCheckOptions { KinkOracle = new UndecidedKinkOracle() };

        var report = GradCheck.Check(new L1<double>(0), new[] { h / 3 }, null, options);

        report.Passed.ShouldBeTrue(report.ToString());
        var check = report.OracleUndecided.ShouldHaveSingleItem();
        check.Kind.ShouldBe(CoordinateKind.NearKink);
        check.OracleUndecided.ShouldBeTrue();
        report.ToString().ShouldContain("1 the kink oracle could not decide (checked by numeric kink detection): x[0].");
    }

    [Fact]
    public void An_undecided_coordinate_on_a_kink_gets_the_subgradient_check()
    {
        var options = new GradCheckOptions { KinkOracle = new UndecidedKinkOracle() };

        var good = GradCheck.Check(new L1<double>(0), new double[] { 0, 0.5 }, null, options);
        var bad = GradCheck.Check(new L1<double>(2), new double[] { 0, 0.5 }, null, options);

        good.Passed.ShouldBeTrue(good.ToString());
        good.Coordinates[0].Kind.ShouldBe(CoordinateKind.AtKink);
        good.Coordinates[0].Lower.ShouldBe(-1, 1e-9);
        good.Coordinates[0].Upper.ShouldBe(1, 1e-9);
        good.OracleUndecidedCount.ShouldBe(2);
        // 2 is outside the subdifferential [−1, 1] of |x| at 0.
        bad.Failures.ShouldHaveSingleItem().Coordinate.ToString().ShouldBe("x[0]");
    }

    [Fact]
    public void An_undecided_coordinate_fails_as_unverifiable_when_asked()
    {
        var options = new GradCheckOptions { KinkOracle = new UndecidedKinkOracle(), UndecidedKinks = UndecidedKinkPolicy.Fail };

        var report = GradCheck.Check(new L1<double>(0), new double[] { 0.5 }, null, options);

        report.Passed.ShouldBeFalse();
        var check = report.Failures.ShouldHaveSingleItem();
        check.Kind.ShouldBe(CoordinateKind.Unverifiable);
        check.Numeric.ShouldBe(double.NaN);
        report.ToString().ShouldContain("(not verified: failed)");
        report.ToString().ShouldContain("unverifiable: the kink oracle could not decide");
    }

    [Fact]
    public void An_answer_outside_the_enum_is_an_error()
    {
        var options = new GradCheckOptions { KinkOracle = new OutOfRangeOracle() };
        Should.Throw<InvalidOperationException>(() => GradCheck.Check(new L1<double>(0), new double[] { 1 }, null, options))
            .Message.ShouldContain("x[0]");
    }

    private sealed class OutOfRangeOracle : IKinkOracle
    {
        public KinkAnswer Locate(ReadOnlySpan<double> x, int coordinate, out double distance)
        {
            distance = 0;
            return (KinkAnswer)7;
        }
    }

    [Fact]
    public void A_negative_distance_from_the_oracle_is_an_error()
    {
        var options = new GradCheckOptions { KinkOracle = new BrokenOracle() };
        Should.Throw<InvalidOperationException>(() => GradCheck.Check(new L1<double>(0), new double[] { 1 }, null, options))
            .Message.ShouldContain("x[0]");
    }

    private sealed class BrokenOracle : IKinkOracle
    {
        public KinkAnswer Locate(ReadOnlySpan<double> x, int coordinate, out double distance)
        {
            distance = -1;
            return KinkAnswer.Kink;
        }
    }
}
