using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using LossGen.Tests.Generator;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Diagnostics;

/// <summary>
/// Any name C# lets a user write compiles: keywords used as identifiers (<c>@float</c>), names the
/// generated code uses itself (dimension arguments, gradient buffers, lane types, Math, Span),
/// Unicode names, declarations inside namespaces with keyword segments and inside partial classes,
/// and declarations named like DSL functions. The generated part adds no error and no XML-doc
/// warning (its param tags name the parameters as C# binds them, without the '@').
/// </summary>
public class HostileNamesTests
{
    [Theory]
    [InlineData("Loss", "Probe", "static float Define([Shape(\"N\")] Tensor @float) => Mean(i => Sqr(@float[i]));")]
    [InlineData("Loss", "Probe", "static float Define([Shape(\"N\", \"C\")] Tensor @in, [Shape(\"C\")] Tensor @class, Labels @int, float @double = 1f) => Mean(i => LogSumExp(j => @in[i, j] + @class[j]) - @in[i, @int[i]] * @double);")]
    [InlineData("Loss", "Probe", "static float Define([Const, Shape(\"N\", \"D\")] Tensor @fixed, [Shape(\"D\", \"C\")] Tensor @object, Labels @ref) => Mean(i => LogSumExp(j => Sum(k => @fixed[i, k] * @object[k, j])) - Sum(k => @fixed[i, k] * @object[k, @ref[i]]));")]
    [InlineData("Loss", "Probe", "static float Define([Shape(\"N\", \"D\")] Tensor W, [Shape(\"N\", \"D\")] Tensor dW, [Shape(\"N\")] Tensor n, [Shape(\"D\")] Tensor d) => Mean(i => Sum(k => W[i, k] * dW[i, k] * n[i] * d[k]));")]
    [InlineData("Loss", "Probe", "static float Define([Shape(\"N\")] Tensor x, [Shape(\"N\")] Tensor result, [Shape(\"N\")] Tensor acc1, float scale, float @var = 2f, float value = 1f) => Mean(i => x[i] * result[i] * acc1[i] * scale * @var * value);")]
    [InlineData("Loss", "Probe", "static float Define([Shape(\"N\")] Tensor Math, [Shape(\"N\")] Tensor Span, [Shape(\"N\")] Tensor Value, [Shape(\"N\")] Tensor V, [Shape(\"N\")] Tensor t0, [Shape(\"N\")] Tensor F512) => Mean(i => Math[i] * Span[i] + Value[i] * V[i] + t0[i] * F512[i]);")]
    [InlineData("Loss", "Probe", "static float Define([Shape(\"N\")] Tensor Guard, [Shape(\"N\")] Tensor Validate, [Shape(\"N\")] Tensor D128, [Shape(\"N\")] Tensor ValueKernel, [Shape(\"N\")] Tensor ILanes, Labels LossGen, [Shape(\"C\")] Tensor System) => Mean(i => Guard[i] * Validate[i] * D128[i] * ValueKernel[i] * ILanes[i] + System[LossGen[i]]);")]
    [InlineData("Loss", "Probe", "static float Define([Const, Shape(\"N\")] Tensor BufferGuard, [Shape(\"N\")] Tensor Finite, Labels Disjoint, [Shape(\"C\")] Tensor Guard, float Overlaps = 1f) => Mean(i => Overlaps * BufferGuard[i] * Finite[i] + Guard[Disjoint[i]]);")]
    [InlineData("Optimizer", "Probe", "static void Define(ref float BufferGuard, float Finite, ref float Disjoint, float Guard = 0.1f) { Disjoint = Guard * Disjoint + Finite; BufferGuard -= Disjoint; }")]
    [InlineData("Loss", "Probe", "static float Define([Shape(\"N\")] Tensor @in, float @float = 2f) => Sum(i => Pow(Sqr(@in[i]), @float)) + Sum(Pow(@in, @float));")]
    [InlineData("Optimizer", "Probe", "static void Define(ref float OptimizerGuard, float F512, ref float StepKernel, float Validate = 0.1f, float D1 = 0.5f, float System = 1f) { StepKernel = D1 * StepKernel + F512; OptimizerGuard -= Validate * StepKernel * System; }")]
    [InlineData("Regularizer", "Probe", "static float Define([Shape(\"P\")] Tensor Guard, float OptimizerGuard = 1f, float F256 = 2f, float Validate = 1f) => OptimizerGuard * F256 * Validate * Sum(k => Sqr(Guard[k]));")]
    [InlineData("Loss", "Größe", "static float Define([Shape(\"N\")] Tensor größe, float λ = 1f) => λ * Mean(i => Sqr(größe[i]));")]
    [InlineData("Loss", "Sum", "static float Define([Shape(\"N\")] Tensor x) => Mean(i => Sqr(x[i]));")]
    [InlineData("Loss", "@struct", "static float Define([Shape(\"N\")] Tensor x) => Mean(i => Sqr(x[i]));")]
    [InlineData("Loss", "Probe", "static float Define([Shape(\"N\")] Tensor x, int N) => Mean(i => Sqr(x[i]));")]
    [InlineData("Optimizer", "Probe", "static void Define(ref float @float, float @in, float @class = 0.1f) { @float -= @class * @in; }")]
    [InlineData("Optimizer", "Probe", "static void Define(ref float w, float g, ref float @checked, float lr = 0.1f, float n = 1f, float Math = 1f) { @checked = 0.9f * @checked + g; w -= lr * @checked * n * Math; }")]
    [InlineData("Regularizer", "Probe", "static float Define([Shape(\"P\")] Tensor @float, float @lambda = 1f) => @lambda * Sum(k => Sqr(@float[k]));")]
    [InlineData("Regularizer", "Exp", "static float Define([Shape(\"P\")] Tensor lambda, float Penalty = 1f) => Penalty * Sum(k => Abs(lambda[k]));")]
    public void The_generated_part_compiles_without_errors_or_doc_warnings(string kind, string name, string define)
    {
        var source = "using LossGen;\nusing static LossGen.Dsl;\nnamespace Outer.@event\n{\n    public partial class Host\n    {\n        [" + kind + "]\n        public partial struct " + name
            + "\n        {\n            " + define + "\n        }\n    }\n}\n";

        var run = DiagnosticRun.Of(source);

        run.Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
        run.Reported.Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
        run.Generator.GeneratedTrees.ShouldNotBeEmpty();
        run.ShouldHaveAHealthyGenerator();
        // With documentation diagnostics on, as in a project that builds its XML docs.
        var withDocs = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        var reparsed = run.Output.RemoveAllSyntaxTrees().AddSyntaxTrees(
            run.Output.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), withDocs, t.FilePath)));
        reparsed.GetDiagnostics().Where(d => d.Id is "CS1572" or "CS1573" or "CS1574" or "CS1734")
            .Select(d => d.ToString()).ShouldBeEmpty();
    }

    /// <summary>
    /// Kernels are generic over a lane type V and an element type T. A user parameter named T (or V
    /// in a loss), and a container with type parameters V and T, must neither clash with them (an
    /// error) nor shadow them with warning CS0693, which TreatWarningsAsErrors would make an error.
    /// </summary>
    [Theory]
    [InlineData("Loss", "static float Define([Shape(\"N\")] Tensor T, [Shape(\"N\")] Tensor V, float T_ = 1f) => Mean(i => T_ * Sqr(T[i] - V[i]));")]
    [InlineData("Loss", "static float Define([Const, Shape(\"N\", \"D\")] Tensor T, [Shape(\"D\", \"C\")] Tensor V, Labels y) => Mean(i => LogSumExp(j => Sum(k => T[i, k] * V[k, j])) - Sum(k => T[i, k] * V[k, y[i]]));")]
    [InlineData("Optimizer", "static void Define(ref float w, float T, ref float m, float T_ = 0.1f) { m = 0.9f * m + T; w -= T_ * m; }")]
    [InlineData("Regularizer", "static float Define([Shape(\"P\")] Tensor T, float V = 1f) => V * Sum(k => Abs(T[k]));")]
    public void Kernel_type_parameters_clash_with_no_user_or_container_name(string kind, string define)
    {
        var source = "using LossGen;\nusing static LossGen.Dsl;\nnamespace Outer\n{\n    public partial class Host<V, T>\n    {\n        [" + kind + "]\n        public partial struct Probe"
            + "\n        {\n            " + define + "\n        }\n    }\n}\n";

        var run = DiagnosticRun.Of(source);

        run.Generator.GeneratedTrees.ShouldNotBeEmpty();
        run.ShouldHaveAHealthyGenerator();
        var diagnostics = run.Output.GetDiagnostics();
        diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } t && run.Generator.GeneratedTrees.Contains(t))
            .Select(d => d.ToString()).ShouldBeEmpty();
        diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ShouldBeEmpty();
    }
}
