using System.Linq;
using LossGen.Checking;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Checking;

/// <summary>Wrong gradients fail, and the report points at the coordinates that are wrong.</summary>
public class PlantedFaultTests
{
    // W is 4×8, then b (8): flat 31 is W[3, 7], flat 26 is W[3, 2], flat 34 is b[2].
    [Theory]
    [InlineData(31, "W[3, 7]")]
    [InlineData(34, "b[2]")]
    public void A_sign_flip_fails_at_that_coordinate_only(int index, string name)
    {
        var report = CheckWith(Fault.SignFlip, index);

        report.Passed.ShouldBeFalse();
        report.Failures.Select(f => f.Coordinate.ToString()).ShouldBe(new[] { name }, customMessage: report.ToString());
        report.Failures[0].Analytic.ShouldBe(-report.Failures[0].Numeric, 1e-8);
        report.ToString().ShouldContain(name);
    }

    [Fact]
    public void A_missing_mean_factor_fails_everywhere_the_gradient_is_not_zero()
    {
        var (loss, x) = SmoothGradientTests.LinearClassifier();
        var faulty = new PlantedFault<double, LinearSoftmax>(loss, Fault.MissingMeanFactor, 0, meanCount: 6);

        var report = GradCheck.Check(faulty, x, loss.Layout);

        report.Passed.ShouldBeFalse();
        report.FailedCount.ShouldBe(loss.Length, report.ToString());
        // Every analytic value is 6× the numeric one.
        foreach (var failure in report.Failures)
            (failure.Analytic / failure.Numeric).ShouldBe(6, 1e-5);
    }

    [Fact]
    public void A_gradient_written_to_its_neighbour_fails_at_both()
    {
        var report = CheckWith(Fault.WrittenToNeighbour, 26);

        report.Passed.ShouldBeFalse();
        report.Failures.Select(f => f.Coordinate.ToString()).OrderBy(s => s).ToArray()
            .ShouldBe(new[] { "W[3, 2]", "W[3, 3]" }, customMessage: report.ToString());
    }

    [Fact]
    public void A_relative_error_of_one_in_a_thousand_is_caught_in_double()
    {
        var report = CheckWith(Fault.SmallRelativeError, 31);

        report.Passed.ShouldBeFalse();
        var failure = report.Failures.ShouldHaveSingleItem(report.ToString());
        failure.Coordinate.ToString().ShouldBe("W[3, 7]");
        failure.RelativeError.ShouldBe(1e-3, 1e-5);
        report.MaxRelativeErrorAt.ToString().ShouldBe("W[3, 7]");
    }

    [Fact]
    public void A_sign_flip_is_caught_in_float()
    {
        const int n = 5, c = 7;
        var loss = new SoftmaxCrossEntropy<float>(n, c, TestData.Labels(n, c, seed: 1));
        var scores = TestData.Uniform<float>(n * c, seed: 2, low: -3, high: 3);
        var faulty = new PlantedFault<float, SoftmaxCrossEntropy<float>>(loss, Fault.SignFlip, 17);

        var report = GradCheck.Check(faulty, scores, ParameterLayout.Single("s", n, c));

        report.Failures.Select(f => f.Coordinate.ToString()).ShouldBe(new[] { "s[2, 3]" }, customMessage: report.ToString());
    }

    [Fact]
    public void A_five_percent_error_is_caught_in_float()
    {
        // The float tolerance must still be tight enough to be useful. s[4, 4] is a label entry,
        // with a gradient near −0.2; a tiny entry (1e-3) would sit under float's rounding floor.
        const int n = 5, c = 7;
        var loss = new SoftmaxCrossEntropy<float>(n, c, TestData.Labels(n, c, seed: 1));
        var scores = TestData.Uniform<float>(n * c, seed: 2, low: -3, high: 3);
        var faulty = new DelegateGradientFunction<float>(loss.Value, (x, g) =>
        {
            float v = loss.ValueAndGradient(x, g);
            g[32] *= 1.05f;
            return v;
        });

        var report = GradCheck.Check(faulty, scores, ParameterLayout.Single("s", n, c));

        report.Failures.Select(f => f.Coordinate.ToString()).ShouldBe(new[] { "s[4, 4]" }, customMessage: report.ToString());
    }

    private static GradCheckReport CheckWith(Fault fault, int index)
    {
        var (loss, x) = SmoothGradientTests.LinearClassifier();
        var faulty = new PlantedFault<double, LinearSoftmax>(loss, fault, index);
        return GradCheck.Check(faulty, x, loss.Layout);
    }
}
