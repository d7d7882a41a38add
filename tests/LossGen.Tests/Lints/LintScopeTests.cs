using System;
using System.IO;
using System.Linq;
using LossGen.Tests.Diagnostics;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Lints;

/// <summary>
/// What the lints (LG03xx) must not report: the correct spellings next to each wrong one, the
/// built-ins, and declarations that do not compile (whose errors come first). The corpus and the
/// docs pages show what they do report, at which span.
/// </summary>
public class LintScopeTests
{
    private const string Usings = "using LossGen;\nusing static LossGen.Dsl;\n";

    private static string[] Ids(string source) => DiagnosticRun.Of(source).Reported.Select(d => d.Id).ToArray();

    private static string Loss(string parameters, string body) =>
        Usings + $"[Loss]\npublic partial struct L\n{{\n    static float Define({parameters}) => {body};\n}}\n";

    [Fact]
    public void The_builtins_are_lint_free()
    {
        var sources = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "BuiltinSources"), "*.cs")
            .Select(f => File.ReadAllText(f)).ToArray();
        sources.Length.ShouldBeGreaterThan(3);
        var run = DiagnosticRun.Of(sources);
        run.Reported.ShouldBeEmpty();
        run.Analyzer.Where(d => d.Id.StartsWith("LG")).ShouldBeEmpty("not even suppressed ones");
    }

    [Theory]
    // The stable spellings the fixes produce.
    [InlineData("[Shape(\"N\", \"C\")] Tensor s, [Shape(\"N\")] Labels y", "Mean(i => LogSumExp(j => s[i, j]) - s[i, y[i]])")]
    [InlineData("[Shape(\"N\", \"C\")] Tensor s, [Shape(\"N\")] Labels y", "Mean(i => -(s[i, y[i]] - LogSumExp(j => s[i, j])))")]
    [InlineData("[Shape(\"N\", \"C\")] Tensor s", "Sum((i, j) => Exp(s[i, j] - LogSumExp(k => s[i, k])))")]
    // Log of a sum that is not of exponentials, and a quotient whose denominator is not one.
    [InlineData("[Shape(\"N\", \"C\")] Tensor s", "Sum(i => Log(Sum(j => Sqr(s[i, j]))))")]
    [InlineData("[Shape(\"N\", \"C\")] Tensor s", "Sum((i, j) => Exp(s[i, j]) / (1f + Exp(s[i, j])))")]
    // Differentiable conditionals and functions of data: a hinge, Huber, Sign of a constant.
    [InlineData("[Shape(\"N\")] Tensor m", "Mean(i => m[i] > 0f ? m[i] : 0f)")]
    [InlineData("[Shape(\"N\")] Tensor r, float delta = 1f", "Mean(i => Abs(r[i]) <= delta ? 0.5f * Sqr(r[i]) : delta * (Abs(r[i]) - 0.5f * delta))")]
    [InlineData("[Const, Shape(\"N\")] Tensor t, [Shape(\"N\")] Tensor s", "Mean(i => Sign(t[i]) * s[i] + (t[i] > 0f ? 1f : 0f))")]
    // A penalty on a rank-1 weight vector that is not added to any score as a bias.
    [InlineData("[Const, Shape(\"N\", \"D\")] Tensor X, [Shape(\"D\")] Tensor w, [Const, Shape(\"N\")] Tensor t", "Mean(i => Sqr(Sum(k => X[i, k] * w[k]) - t[i])) + Sum(k => Sqr(w[k]))")]
    public void Correct_spellings_get_no_lint(string parameters, string body)
    {
        Ids(Loss(parameters, body)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]                                            // no size declared
    [InlineData(", DimensionSize(\"V\", 16_777_215)")]          // just under 2^24
    [InlineData(", DimensionSize(\"N\", 100_000_000)")]          // large, but the rows are a scalar (double) loop
    public void Float_accumulation_needs_a_declared_large_vectorized_dimension(string attribute)
    {
        var source = Usings + $"[Loss{attribute}]\npublic partial struct L\n{{\n    static float Define([Shape(\"N\", \"V\")] Tensor s, [Shape(\"N\")] Labels y)\n"
                     + "        => Mean(i => LogSumExp(v => s[i, v]) - s[i, y[i]]);\n}\n";
        Ids(source).ShouldBeEmpty();
    }

    [Fact]
    public void Max_over_a_large_dimension_is_not_an_accumulation()
    {
        var source = Usings + "[Loss, DimensionSize(\"V\", 50_000_000)]\npublic partial struct L\n{\n"
                     + "    static float Define([Shape(\"N\", \"V\")] Tensor s) => Mean(i => Max(v => s[i, v]));\n}\n";
        Ids(source).ShouldBeEmpty();
    }

    [Fact]
    public void A_declaration_with_an_error_gets_the_error_and_no_lint()
    {
        // LG0301's form next to an index variable used for two dimensions (LG0102).
        var source = Loss("[Shape(\"N\", \"C\")] Tensor s, [Shape(\"C\", \"N\")] Tensor u",
            "Sum(i => Log(Sum(j => Exp(s[i, j]))) + Sum(j => u[i, j]))");
        Ids(source).ShouldBe(new[] { "LG0102" });
    }

    [Theory]
    [InlineData("new Adam.Optimizer<float>(weightDecay: 0)")]
    [InlineData("new Adam.Optimizer<float>(lr: 0.1)")]
    [InlineData("new AdamWTorch.Optimizer<float>(weightDecay: 0.01)")]
    [InlineData("new Sgd.Optimizer<float>()")]
    public void Optimizers_without_L2_in_Adam_get_no_lint(string creation)
    {
        var run = DiagnosticRun.Of($"using LossGen.Builtins;\nusing LossGen.Training;\npublic static class S {{ public static object Make() => {creation}; }}");
        run.Input.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ShouldBeEmpty();
        run.Reported.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("new LinearSoftmaxObjective<float>(train, lambda: 0)", "new Adam.Optimizer<float>()")]
    [InlineData("new LinearSoftmaxObjective<float>(train, lambda: 1e-3)", "new Sgd.Optimizer<float>()")]
    [InlineData("new LinearSvmObjective<float>(train)", "new AdamWTorch.Optimizer<float>()")]
    public void Trainers_without_L2_under_Adam_get_no_lint(string objective, string optimizer)
    {
        var source = "using System;\nusing LossGen.Builtins;\nusing LossGen.Optimization;\nusing LossGen.Training;\npublic static class S\n{\n"
                     + "    public static void Train(LinearDataset<float> train) =>\n"
                     + $"        Trainer.Create({objective}, {optimizer}, new ConstantLearningRate(), new ReadOnlySpan<float>(new float[train.ParameterCount]), new TrainerOptions()).Fit(1);\n}}\n";
        var run = DiagnosticRun.Of(source);
        run.Input.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ShouldBeEmpty();
        run.Reported.ShouldBeEmpty();
    }
}
