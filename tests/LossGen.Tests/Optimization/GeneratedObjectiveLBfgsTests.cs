using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using LossGen.Optimization;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace LossGen.Tests.Optimization;

/// <summary>
/// L-BFGS on a generated objective: the built-in LinearSoftmax (DSL → generated double kernel) on
/// the UCI digits, features pixel/16, λ = 1e-3 on W, bias unregularized, from zeros, must reach the
/// optimum SciPy's L-BFGS-B finds on the same objective to 1e-6 relative in the loss.
/// </summary>
public sealed class GeneratedObjectiveLBfgsTests
{
    private readonly ITestOutputHelper output;

    public GeneratedObjectiveLBfgsTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void Generated_linear_softmax_reaches_scipys_optimum_on_the_digits()
    {
        var data = DigitsData.Load();
        var f = new GeneratedLinearSoftmaxObjective(data.X, data.Y, DigitsData.Features, DigitsData.Classes, 1e-3);
        var theta = new double[f.ParameterCount];

        var result = LBfgs.Minimize(ref f, theta, new LBfgsOptions { GradientTolerance = 1e-7, RelativeGradientTolerance = 0, FunctionTolerance = 0 });

        using var json = JsonDocument.Parse(File.ReadAllText(
            Path.Combine(AppContext.BaseDirectory, "Fixtures", "Optimization", "digits_lbfgs_reference.json")));
        var scipyLoss = json.RootElement.GetProperty("optimal_loss").GetDouble();
        var relative = Math.Abs(result.Value - scipyLoss) / scipyLoss;
        output.WriteLine($"L-BFGS on the generated objective: {result}; SciPy loss {scipyLoss:R}; relative difference {relative:E2}");

        result.Converged.ShouldBeTrue();
        relative.ShouldBeLessThan(1e-6);
        TrainingAccuracy(data, theta).ShouldBeGreaterThan(0.96);
    }

    private static double TrainingAccuracy(DigitsData data, double[] theta)
    {
        const int d = DigitsData.Features, c = DigitsData.Classes;
        var correct = 0;
        for (var i = 0; i < data.Count; i++)
        {
            var scores = Enumerable.Range(0, c)
                .Select(j => theta[d * c + j] + Enumerable.Range(0, d).Sum(k => data.X[i * d + k] * theta[k * c + j]))
                .ToArray();
            if (Array.IndexOf(scores, scores.Max()) == data.Y[i]) correct++;
        }
        return (double)correct / data.Count;
    }
}
