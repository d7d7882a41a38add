using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using LossGen.Optimization;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace LossGen.Tests.Optimization;

public sealed class DigitsLBfgsTests
{
    private static readonly Lazy<DigitsData> Data = new(DigitsData.Load);
    private readonly ITestOutputHelper _output;

    public DigitsLBfgsTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Softmax_objective_gradient_matches_centered_differences()
    {
        var f = new DigitsSoftmaxObjective(Data.Value);
        int p = DigitsSoftmaxObjective.ParameterCount;

        // A point away from zero with varied scales, so every class and both W and b matter.
        var theta = new double[p];
        var rng = new Random(12345);
        for (int i = 0; i < p; i++)
        {
            theta[i] = (rng.NextDouble() - 0.5) * 0.6;
        }

        var gradient = new double[p];
        f.ValueAndGradient(theta, gradient);
        var scratch = new double[p];
        const double h = 1e-5;

        // Coordinate checks on every bias and every third weight (a full sweep costs 1300
        // evaluations; the stride still visits every class column and every pixel row)...
        double worst = 0;
        int checkedCount = 0;
        for (int i = 0; i < p; i++)
        {
            if (i < DigitsSoftmaxObjective.D * DigitsSoftmaxObjective.C && i % 3 != 0)
            {
                continue;
            }

            double saved = theta[i];
            theta[i] = saved + h;
            double plus = f.ValueAndGradient(theta, scratch);
            theta[i] = saved - h;
            double minus = f.ValueAndGradient(theta, scratch);
            theta[i] = saved;
            double numeric = (plus - minus) / (2 * h);
            worst = Math.Max(worst, Math.Abs(numeric - gradient[i]) / Math.Max(1e-3, Math.Abs(numeric) + Math.Abs(gradient[i])));
            checkedCount++;
        }

        // ...and directional derivatives along random directions, which involve every coordinate.
        double worstDirectional = 0;
        for (int trial = 0; trial < 3; trial++)
        {
            var v = new double[p];
            var plusPoint = new double[p];
            var minusPoint = new double[p];
            double analytic = 0;
            for (int i = 0; i < p; i++)
            {
                v[i] = rng.NextDouble() * 2 - 1;
                plusPoint[i] = theta[i] + h * v[i];
                minusPoint[i] = theta[i] - h * v[i];
                analytic += gradient[i] * v[i];
            }

            double numeric = (f.ValueAndGradient(plusPoint, scratch) - f.ValueAndGradient(minusPoint, scratch)) / (2 * h);
            worstDirectional = Math.Max(worstDirectional, Math.Abs(numeric - analytic) / Math.Abs(analytic));
        }

        _output.WriteLine($"worst relative gradient error over {checkedCount} coordinates: {worst:E3}; along 3 random directions: {worstDirectional:E3}");
        worst.ShouldBeLessThan(1e-6);
        worstDirectional.ShouldBeLessThan(1e-6);
    }

    [Fact]
    public void Softmax_objective_at_zero_is_log_of_the_class_count()
    {
        // At θ = 0 every class has probability 1/10, so the loss is exactly ln 10 (no regulariser).
        var f = new DigitsSoftmaxObjective(Data.Value);
        f.ValueAndGradient(new double[DigitsSoftmaxObjective.ParameterCount], new double[DigitsSoftmaxObjective.ParameterCount])
            .ShouldBe(Math.Log(10), 1e-12);
    }

    [Fact]
    public void LBfgs_matches_the_SciPy_optimum_on_digits()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(
            Path.Combine(AppContext.BaseDirectory, "Fixtures", "Optimization", "digits_lbfgs_reference.json")));
        double scipyLoss = json.RootElement.GetProperty("optimal_loss").GetDouble();
        int scipyIterations = json.RootElement.GetProperty("iterations").GetInt32();
        double scipyAccuracy = json.RootElement.GetProperty("train_accuracy").GetDouble();

        var f = new DigitsSoftmaxObjective(Data.Value);
        var theta = new double[DigitsSoftmaxObjective.ParameterCount];
        var options = new LBfgsOptions { GradientTolerance = 1e-7, RelativeGradientTolerance = 0, FunctionTolerance = 0 };

        // Wall time is at the mercy of other work on the machine; process CPU time is reported too.
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        LBfgsResult result = LBfgs.Minimize(ref f, theta, options);
        clock.Stop();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        // Time the objective alone at the optimum, to separate its cost from the optimizer's.
        var probe = new double[theta.Length];
        var evalClock = Stopwatch.StartNew();
        const int probes = 20;
        for (int i = 0; i < probes; i++)
        {
            f.ValueAndGradient(theta, probe);
        }

        evalClock.Stop();
        double perEvaluationMs = evalClock.Elapsed.TotalMilliseconds / probes;
        _output.WriteLine($"  one objective evaluation ≈ {perEvaluationMs:F2} ms; {result.Evaluations} of them ≈ {perEvaluationMs * result.Evaluations:F0} ms of the run");

        double relative = Math.Abs(result.Value - scipyLoss) / Math.Abs(scipyLoss);
        double accuracy = f.Accuracy(theta);
        _output.WriteLine($"LossGen L-BFGS: {result}");
        _output.WriteLine($"  wall {clock.Elapsed.TotalMilliseconds:F0} ms, process CPU {cpu.TotalMilliseconds:F0} ms, loss {result.Value:R}, accuracy {accuracy:P2}");
        _output.WriteLine($"SciPy L-BFGS-B (tight tolerances): loss {scipyLoss:R}, {scipyIterations} iterations, accuracy {scipyAccuracy:P2}");
        _output.WriteLine($"relative difference in loss: {relative:E3}");

        result.Converged.ShouldBeTrue();
        relative.ShouldBeLessThan(1e-6);
        accuracy.ShouldBe(scipyAccuracy, 0.005);
    }
}
