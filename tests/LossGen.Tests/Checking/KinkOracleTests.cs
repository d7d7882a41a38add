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
        public bool TryGetKinkDistance(ReadOnlySpan<double> x, int coordinate, out double d)
        {
            d = distance;
            return true;
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
    public void A_negative_distance_from_the_oracle_is_an_error()
    {
        var options = new GradCheckOptions { KinkOracle = new BrokenOracle() };
        Should.Throw<InvalidOperationException>(() => GradCheck.Check(new L1<double>(0), new double[] { 1 }, null, options))
            .Message.ShouldContain("x[0]");
    }

    private sealed class BrokenOracle : IKinkOracle
    {
        public bool TryGetKinkDistance(ReadOnlySpan<double> x, int coordinate, out double distance)
        {
            distance = -1;
            return true;
        }
    }
}
