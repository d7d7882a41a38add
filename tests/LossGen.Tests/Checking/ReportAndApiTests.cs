using System;
using LossGen.Checking;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Checking;

/// <summary>Layout naming, the report's text, Assert, and the guards around the analytic call.</summary>
public class ReportAndApiTests
{
    [Fact]
    public void Flat_indices_map_to_block_names_and_row_major_indices()
    {
        var layout = new ParameterLayout(
            new ParameterBlock("W", 4, 8), new ParameterBlock("b", 8), new ParameterBlock("t"), new ParameterBlock("T", 2, 3, 5));

        layout.Length.ShouldBe(32 + 8 + 1 + 30);
        layout.Locate(0).ToString().ShouldBe("W[0, 0]");
        layout.Locate(31).ToString().ShouldBe("W[3, 7]");
        layout.Locate(34).ToString().ShouldBe("b[2]");
        layout.Locate(40).ToString().ShouldBe("t");
        layout.Locate(41 + 1 * 15 + 2 * 5 + 4).ToString().ShouldBe("T[1, 2, 4]");
        layout.OffsetOf("b").ShouldBe(32);
        Should.Throw<ArgumentOutOfRangeException>(() => layout.Locate(71));
    }

    [Fact]
    public void A_layout_of_the_wrong_length_is_rejected_naming_both_lengths()
    {
        var ex = Should.Throw<ArgumentException>(() =>
            GradCheck.Check(new L1<double>(0), new double[3], ParameterLayout.Single("w", 2, 2)));
        ex.ParamName.ShouldBe("layout");
        ex.Message.ShouldContain("4");
        ex.Message.ShouldContain("3");
    }

    [Fact]
    public void Duplicate_block_names_are_rejected()
    {
        Should.Throw<ArgumentException>(() => new ParameterLayout(new ParameterBlock("W", 2), new ParameterBlock("W", 3)));
    }

    [Fact]
    public void Assert_throws_with_the_report_as_message_and_returns_a_passing_report()
    {
        var (loss, x) = SmoothGradientTests.LinearClassifier();
        var faulty = new PlantedFault<double, LinearSoftmax>(loss, Fault.SignFlip, 31);

        var ex = Should.Throw<GradientCheckException>(() => GradCheck.Assert(faulty, x, loss.Layout));
        ex.Message.ShouldContain("FAILED");
        ex.Message.ShouldContain("W[3, 7]");
        ex.Report.FailedCount.ShouldBe(1);

        GradCheck.Assert(loss, x, loss.Layout).Passed.ShouldBeTrue();
    }

    [Fact]
    public void The_report_text_names_the_failure_with_both_values()
    {
        var (loss, x) = SmoothGradientTests.LinearClassifier();
        var report = GradCheck.Check(new PlantedFault<double, LinearSoftmax>(loss, Fault.SmallRelativeError, 34), x, loss.Layout);
        var failure = report.Failures.ShouldHaveSingleItem();

        string text = report.ToString();
        text.ShouldContain("1 failed");
        text.ShouldContain("b[2]         FAIL");
        text.ShouldContain(failure.Analytic.ToString("G6", System.Globalization.CultureInfo.InvariantCulture));
        text.ShouldContain(failure.Numeric.ToString("G6", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_gradient_element_the_function_never_writes_fails()
    {
        // Poisoning the buffer with NaN makes a forgotten element fail instead of reading as 0.
        var function = new DelegateGradientFunction<double>(
            x => x[0] * x[0] + x[1],
            (x, g) =>
            {
                g[0] = 2 * x[0];
                return x[0] * x[0] + x[1];
            });

        var report = GradCheck.Check(function, new double[] { 0.5, 0 });

        report.Failures.ShouldHaveSingleItem().Coordinate.ToString().ShouldBe("x[1]");
        double.IsNaN(report.Failures[0].Analytic).ShouldBeTrue();
    }

    [Fact]
    public void Value_and_ValueAndGradient_must_agree()
    {
        var function = new DelegateGradientFunction<double>(
            x => x[0] * x[0],
            (x, g) =>
            {
                g[0] = 2 * x[0];
                return x[0] * x[0] + 1e-3;
            });

        var report = GradCheck.Check(function, new double[] { 0.5 });

        report.Passed.ShouldBeFalse();
        report.ValueMatches.ShouldBeFalse();
        report.FailedCount.ShouldBe(0);
        report.ToString().ShouldContain("VALUE MISMATCH");
    }

    [Fact]
    public void A_non_finite_numeric_derivative_fails_rather_than_passing()
    {
        // log is undefined left of 0: the centered probe at x = 1e-7 reads NaN.
        var function = new DelegateGradientFunction<double>(
            x => Math.Log(x[0]),
            (x, g) =>
            {
                g[0] = 1 / x[0];
                return Math.Log(x[0]);
            });

        var report = GradCheck.Check(function, new double[] { 1e-7 });

        report.Passed.ShouldBeFalse(report.ToString());
    }

    [Fact]
    public void The_point_is_not_modified()
    {
        var (loss, x) = SmoothGradientTests.LinearClassifier();
        var copy = (double[])x.Clone();
        GradCheck.Check(loss, x, loss.Layout);
        x.ShouldBe(copy);
    }

    [Fact]
    public void A_non_finite_point_is_rejected_by_name()
    {
        Should.Throw<ArgumentException>(() => GradCheck.Check(new L1<double>(0), new[] { 1, double.NaN }))
            .Message.ShouldContain("x[1]");
    }

    [Fact]
    public void The_step_and_tolerance_options_are_honoured()
    {
        var (loss, x) = SmoothGradientTests.LinearClassifier();
        var faulty = new PlantedFault<double, LinearSoftmax>(loss, Fault.SmallRelativeError, 31);

        var stepped = GradCheck.Check(loss, x, loss.Layout, new GradCheckOptions { Step = 1.0 / 16384 });
        stepped.Passed.ShouldBeTrue(stepped.ToString());
        stepped.Coordinates.ShouldAllBe(c => c.Step == 1.0 / 16384 && c.Kind == CoordinateKind.Smooth);

        // A step far above the derived one makes truncation error visible; the checker then
        // halves it (as for a feature sharper than the step) instead of failing.
        var coarse = GradCheck.Check(loss, x, loss.Layout, new GradCheckOptions { Step = 1.0 / 64 });
        coarse.Passed.ShouldBeTrue(coarse.ToString());
        coarse.AtKinkCount.ShouldBe(0, coarse.ToString());

        // A 1e-3 relative error fails at the default rtol 1e-6 and passes when rtol is loosened past it.
        GradCheck.Check(faulty, x, loss.Layout).Passed.ShouldBeFalse();
        GradCheck.Check(faulty, x, loss.Layout, new GradCheckOptions { RelativeTolerance = 2e-3 }).Passed.ShouldBeTrue();
        GradCheck.Check(faulty, x, loss.Layout, new GradCheckOptions { RelativeTolerance = 0, AbsoluteTolerance = 1 }).Passed.ShouldBeTrue();
    }

    [Theory]
    [InlineData(0.0, null, null, 16.0)]
    [InlineData(double.NaN, null, null, 16.0)]
    [InlineData(null, -1e-9, null, 16.0)]
    [InlineData(null, null, -1e-3, 16.0)]
    [InlineData(null, null, null, -1.0)]
    public void Meaningless_options_are_rejected(double? step, double? atol, double? rtol, double noiseFactor)
    {
        var options = new GradCheckOptions { Step = step, AbsoluteTolerance = atol, RelativeTolerance = rtol, NoiseFactor = noiseFactor };
        Should.Throw<ArgumentOutOfRangeException>(() => GradCheck.Check(new L1<double>(0), new double[] { 1 }, null, options));
    }
}
