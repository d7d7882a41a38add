using System.Linq;
using System.Numerics;
using LossGen.Checking;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Checking;

/// <summary>
/// At a tie of Max or Min the valid gradients are the convex combinations of the tied entries'
/// one-hot vectors, scaled by the upstream coefficient. Each coordinate alone only sees [0, c],
/// so the group check is what fails a gradient that puts c on two tied entries, and it must still
/// pass every convex combination and leave independent kinks alone.
/// </summary>
public class TieGroupTests
{
    // Row 0: a three-way tie at 0.75 (exact in float) above 0.25; the max has coefficient 2.
    private static readonly double[] ThreeWayTie = { 0.75, 0.25, 0.75, 0.75 };
    private static readonly ParameterLayout Row = ParameterLayout.Single("x", 1, 4);

    [Theory]
    [InlineData(1, 0, 1, 1)]    // c on two of the three tied entries: sum 2c
    [InlineData(1, 0, 1, 0.5)]  // sum 1.5c
    [InlineData(0, 0, 0, 0)]    // nothing: sum 0
    public void A_gradient_that_is_not_a_convex_combination_of_the_tied_entries_fails_in_double(double g0, double g1, double g2, double g3)
        => FailsAtTheTie<double>(new[] { g0, g1, g2, g3 });

    [Theory]
    [InlineData(1, 0, 1, 1)]
    [InlineData(0, 0, 0, 0)]
    public void A_gradient_that_is_not_a_convex_combination_of_the_tied_entries_fails_in_float(double g0, double g1, double g2, double g3)
        => FailsAtTheTie<float>(new[] { g0, g1, g2, g3 });

    [Theory]
    [InlineData(1, 0, 0, 0)]                       // the first tied entry
    [InlineData(0, 0, 0, 1)]                       // the last
    [InlineData(1.0 / 3, 0, 1.0 / 3, 1.0 / 3)]     // the average
    [InlineData(0.5, 0, 0, 0.5)]
    public void Every_convex_combination_of_the_tied_entries_passes_in_double(double g0, double g1, double g2, double g3)
        => PassesAtTheTie<double>(new[] { g0, g1, g2, g3 });

    [Theory]
    [InlineData(1, 0, 0, 0)]
    [InlineData(0, 0, 0, 1)]
    [InlineData(1.0 / 3, 0, 1.0 / 3, 1.0 / 3)]
    public void Every_convex_combination_of_the_tied_entries_passes_in_float(double g0, double g1, double g2, double g3)
        => PassesAtTheTie<float>(new[] { g0, g1, g2, g3 });

    [Fact]
    public void The_sum_two_gradient_passes_coordinate_by_coordinate_so_the_group_check_is_what_catches_it()
    {
        var function = new RowMaxWithTieGradient<double>(1, 4, 2, new[] { new double[] { 1, 0, 1, 1 } });
        var report = GradCheck.Check(function, ThreeWayTie, Row, new GradCheckOptions { CheckTieGroups = false });

        report.Passed.ShouldBeTrue(report.ToString());
        report.AtKinkCount.ShouldBe(3, report.ToString());
        report.TieGroupsChecked.ShouldBeFalse();
        report.TieGroups.ShouldBeEmpty();
    }

    [Fact]
    public void A_negative_share_with_the_right_sum_is_caught_by_its_own_coordinate()
    {
        // Shares (1, 1, −1) sum to 1, so the group passes; the −1 lies outside its own [0, c].
        var x = ThreeWayTie;
        var report = GradCheck.Check(new RowMaxWithTieGradient<double>(1, 4, 2, new[] { new double[] { 1, 0, 1, -1 } }), x, Row);

        report.Passed.ShouldBeFalse(report.ToString());
        report.TieGroups.ShouldHaveSingleItem().Passed.ShouldBeTrue(report.ToString());
        report.Failures.ShouldHaveSingleItem().Coordinate.ToString().ShouldBe("x[0, 3]");
    }

    [Fact]
    public void A_min_tie_is_checked_against_its_coefficient()
    {
        var x = new[] { -0.5, 1.0, -0.5 };
        var layout = ParameterLayout.Single("x", 1, 3);
        // f = -3·min(x) + ½|x|²: the tied pair's gradients must sum to -3.
        var right = new RowMaxWithTieGradient<double>(1, 3, -3, new[] { new double[] { 0.25, 0, 0.75 } }, useMin: true);
        var wrong = new RowMaxWithTieGradient<double>(1, 3, -3, new[] { new double[] { 1, 0, 1 } }, useMin: true);

        var passing = GradCheck.Check(right, x, layout);
        var failing = GradCheck.Check(wrong, x, layout);

        passing.Passed.ShouldBeTrue(passing.ToString());
        var group = passing.TieGroups.ShouldHaveSingleItem();
        group.Members.ShouldBe("{x[0, 0], x[0, 2]}");
        // Along (1, 0, 1): -3 from the min plus the square's x₀ + x₂ = -1.
        group.Lower.ShouldBe(-4, 1e-6);
        group.Upper.ShouldBe(-4, 1e-6);
        failing.Passed.ShouldBeFalse(failing.ToString());
        failing.TieGroupFailures.ShouldHaveSingleItem().AnalyticSum.ShouldBe(-7, 1e-12);
    }

    [Fact]
    public void Ties_in_different_rows_are_separate_groups_so_errors_cannot_cancel_across_rows()
    {
        // Row 0 puts 2 on its tie (sum 2c), row 1 puts nothing on its own (sum 0): the total over
        // both ties is 2c, what one merged group would accept, so the rows must be kept apart.
        var x = new[] { 0.75, 0.25, 0.75, 0.75, -1.0, -1.0, -2.0, -1.5 };
        var layout = ParameterLayout.Single("x", 2, 4);
        var function = new RowMaxWithTieGradient<double>(2, 4, 1, new[] { new double[] { 1, 0, 1, 0 }, new double[] { 0, 0, 0, 0 } });

        var report = GradCheck.Check(function, x, layout);

        report.Passed.ShouldBeFalse(report.ToString());
        report.TieGroups.Select(g => g.Members).ShouldBe(new[] { "{x[0, 0], x[0, 2], x[0, 3]}", "{x[1, 0], x[1, 1]}" });
        report.TieGroupFailures.Length.ShouldBe(2, report.ToString());
        report.ToString().ShouldContain("{x[0, 0], x[0, 2], x[0, 3]} FAIL");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(-1, 1)]
    [InlineData(0, -1)]
    [InlineData(0.5, 0.25)]
    public void Independent_kinks_are_not_grouped_so_any_combination_of_their_subgradients_passes(double g0, double g1)
    {
        // |x₀| − |x₁| at 0: along (1, 1) the function is flat, so a merged group would demand
        // g₀ + g₁ = 0 and fail (1, 1); the two kinks are separable and must stay apart.
        var report = GradCheck.Check(new AbsDifference<double>(g0, g1), new[] { 0.0, 0.0 });

        report.Passed.ShouldBeTrue(report.ToString());
        report.AtKinkCount.ShouldBe(2);
        report.TieGroups.ShouldBeEmpty();
    }

    [Fact]
    public void A_hinge_at_zero_margin_groups_its_score_with_the_label_score_and_passes()
    {
        // Row 0 of the SVM has label 0 and s_01 at zero margin: the hinge depends on s_01 − s_00
        // only, so the two move as one kink. Row 1 has two zero margins sharing s_12.
        double[] scores = { 2, 1, 0.5, 2.5, 1, 2.5, 2, 1, 0.5, 2, 1, 3 };
        var svm = new MulticlassSvm<double>(3, 4, new[] { 0, 2, 1 });

        var report = GradCheck.Check(svm, scores, ParameterLayout.Single("s", 3, 4));

        report.Passed.ShouldBeTrue(report.ToString());
        report.TieGroups.Select(g => g.Members).ShouldBe(new[] { "{s[0, 0], s[0, 1]}", "{s[1, 0], s[1, 2], s[1, 3]}", "{s[2, 1], s[2, 2]}" });
        // Moving row 0's pair together leaves its zero margin alone and shrinks the active
        // margin s_03 − s_00 + 1: slope −1/3 on both sides.
        var row0 = report.TieGroups[0];
        row0.Lower.ShouldBe(-1.0 / 3, 1e-6);
        row0.Upper.ShouldBe(-1.0 / 3, 1e-6);
    }

    [Fact]
    public void Coordinates_beyond_the_cap_are_counted_and_left_out()
    {
        var function = new RowMaxWithTieGradient<double>(1, 4, 2, new[] { new double[] { 1, 0, 1, 1 } });

        var report = GradCheck.Check(function, ThreeWayTie, Row, new GradCheckOptions { MaxTieCoordinates = 2 });

        // Two of the three tied entries are enough to see the sum-2 error (2c against c).
        report.TieCoordinatesLeftOut.ShouldBe(1);
        report.Passed.ShouldBeFalse(report.ToString());
        report.ToString().ShouldContain("1 coordinates at a kink left out");
    }

    private static void FailsAtTheTie<T>(double[] tieGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = ThreeWayTie.Select(T.CreateTruncating).ToArray();
        var report = GradCheck.Check(new RowMaxWithTieGradient<T>(1, 4, 2, new[] { tieGradient }), x, Row);

        report.Passed.ShouldBeFalse(report.ToString());
        var group = report.TieGroups.ShouldHaveSingleItem(report.ToString());
        group.Members.ShouldBe("{x[0, 0], x[0, 2], x[0, 3]}");
        // Along (1, 0, 1, 1): 2 from the max plus the square's 3·0.75.
        group.Lower.ShouldBe(2 + 2.25, 1e-2);
        group.Upper.ShouldBe(2 + 2.25, 1e-2);
        group.Resolved.ShouldBeTrue(report.ToString());
        group.Passed.ShouldBeFalse(report.ToString());
    }

    private static void PassesAtTheTie<T>(double[] tieGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = ThreeWayTie.Select(T.CreateTruncating).ToArray();
        var report = GradCheck.Check(new RowMaxWithTieGradient<T>(1, 4, 2, new[] { tieGradient }), x, Row);

        report.Passed.ShouldBeTrue(report.ToString());
        var group = report.TieGroups.ShouldHaveSingleItem(report.ToString());
        group.Members.ShouldBe("{x[0, 0], x[0, 2], x[0, 3]}");
        group.AnalyticSum.ShouldBe(2 + 2.25, 1e-6);
        group.Resolved.ShouldBeTrue(report.ToString());
    }
}
