using System.Numerics;
using LossGen.Checking;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Checking;

/// <summary>Correct gradients of smooth functions pass, in double and float, with the default step and tolerances.</summary>
public class SmoothGradientTests
{
    [Fact]
    public void Softmax_cross_entropy_passes_in_double() => SoftmaxCrossEntropyPasses<double>();

    [Fact]
    public void Softmax_cross_entropy_passes_in_float() => SoftmaxCrossEntropyPasses<float>();

    [Fact]
    public void Quadratic_passes_in_double() => QuadraticPasses<double>();

    [Fact]
    public void Quadratic_passes_in_float() => QuadraticPasses<float>();

    [Fact]
    public void Log_sum_exp_passes_in_double() => LogSumExpPasses<double>();

    [Fact]
    public void Log_sum_exp_passes_in_float() => LogSumExpPasses<float>();

    [Fact]
    public void Two_block_linear_classifier_passes_and_names_its_blocks()
    {
        var (loss, x) = LinearClassifier();
        var report = GradCheck.Check(loss, x, loss.Layout);

        report.Passed.ShouldBeTrue(report.ToString());
        report.CheckedCount.ShouldBe(loss.Length);
        report.Coordinates[31].Coordinate.ToString().ShouldBe("W[3, 7]");
        report.Coordinates[34].Coordinate.ToString().ShouldBe("b[2]");
        // Smooth everywhere: nothing may be classified as a kink, or kink handling would be hiding things.
        report.KinkCoordinates.ShouldBeEmpty(report.ToString());
    }

    [Fact]
    public void Smooth_double_errors_are_far_below_the_tolerance()
    {
        // The defaults are meant to catch a 1e-3 relative error with a wide margin, so a correct
        // double gradient must agree far more closely than that.
        var (loss, x) = LinearClassifier();
        var report = GradCheck.Check(loss, x, loss.Layout);
        report.MaxRelativeError.ShouldBeLessThan(1e-6, report.ToString());
    }

    internal static (LinearSoftmax Loss, double[] X) LinearClassifier()
    {
        const int n = 6, d = 4, c = 8;
        var flat = TestData.Uniform<double>(n * d, seed: 11);
        var data = new double[n, d];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < d; k++)
                data[i, k] = flat[i * d + k];
        }

        var loss = new LinearSoftmax(data, TestData.Labels(n, c, seed: 12), c, lambda: 0.1);
        return (loss, TestData.Uniform<double>(loss.Length, seed: 13, low: -0.5, high: 0.5));
    }

    private static void SoftmaxCrossEntropyPasses<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int n = 5, c = 7;
        var loss = new SoftmaxCrossEntropy<T>(n, c, TestData.Labels(n, c, seed: 1));
        var scores = TestData.Uniform<T>(n * c, seed: 2, low: -3, high: 3);

        var report = GradCheck.Check(loss, scores, ParameterLayout.Single("s", n, c));

        report.Passed.ShouldBeTrue(report.ToString());
        report.CheckedCount.ShouldBe(n * c);
        report.KinkCoordinates.ShouldBeEmpty(report.ToString());
    }

    private static void QuadraticPasses<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int n = 9;
        var f = new Quadratic<T>(TestData.SymmetricPositiveDefinite<T>(n, seed: 3), TestData.Uniform<T>(n, seed: 4));
        // Some coordinates beyond 1 in magnitude, so the step scales with |x|.
        var report = GradCheck.Check(f, TestData.Uniform<T>(n, seed: 5, low: -6, high: 6));

        report.Passed.ShouldBeTrue(report.ToString());
        report.KinkCoordinates.ShouldBeEmpty(report.ToString());
    }

    private static void LogSumExpPasses<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var report = GradCheck.Check(new LogSumExp<T>(), TestData.Uniform<T>(12, seed: 6, low: -4, high: 4));

        report.Passed.ShouldBeTrue(report.ToString());
        report.KinkCoordinates.ShouldBeEmpty(report.ToString());
    }
}
