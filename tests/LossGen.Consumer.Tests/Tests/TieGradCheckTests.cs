using System;
using LossGen.Checking;
using LossGen.Consumer.Tests.Declarations;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>
/// The generated gradient of a Max reduction at a three-way tie (the whole adjoint on the first
/// tied element, docs/subgradients.md) passes GradCheck's tie-group check, and the same gradient
/// with the adjoint also put on a second tied element (sum 2) fails it, as a user sees it.
/// </summary>
public class TieGradCheckTests
{
    private static readonly double[] ThreeWayTie = { 0.5, 2, -1, 2, 2 };

    [Fact]
    public void The_generated_max_gradient_at_a_three_way_tie_passes_and_is_checked_as_one_group()
    {
        var function = new DelegateGradientFunction<double>(
            x => LargestElement.Value(x, x.Length),
            (x, g) => LargestElement.ValueAndGradient(x, x.Length, g));

        var report = GradCheck.Check(function, ThreeWayTie, ParameterLayout.Single("s", 5));

        Assert.True(report.Passed, report.ToString());
        var group = Assert.Single(report.TieGroups);
        Assert.Equal("{s[1], s[3], s[4]}", group.Members);
        Assert.Equal(1, group.AnalyticSum, 12);
    }

    [Fact]
    public void A_gradient_on_two_tied_elements_fails_the_check()
    {
        var function = new DelegateGradientFunction<double>(
            x => LargestElement.Value(x, x.Length),
            (x, g) =>
            {
                double v = LargestElement.ValueAndGradient(x, x.Length, g);
                g[3] += 1;
                return v;
            });

        var report = GradCheck.Check(function, ThreeWayTie, ParameterLayout.Single("s", 5));

        Assert.False(report.Passed, report.ToString());
        // Each coordinate alone is within [0, 1]; only the group's sum (2, not 1) is wrong.
        Assert.Empty(report.Failures);
        Assert.Equal(2, Assert.Single(report.TieGroupFailures).AnalyticSum, 12);
    }
}
