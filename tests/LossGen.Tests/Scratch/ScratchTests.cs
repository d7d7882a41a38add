using System.Linq;
using LossGen.Tests.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace LossGen.Tests.Scratch;

public class ScratchTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("Loss", "Probe", "static float Define([Shape(\"N\")] Tensor @float) => Mean(i => Sqr(@float[i]));")]
    [InlineData("Loss", "Probe", "static float Define([Shape(\"N\", \"C\")] Tensor @in, [Shape(\"C\")] Tensor @class, Labels @int, float @double = 1f) => Mean(i => LogSumExp(j => @in[i, j] + @class[j]) - @in[i, @int[i]] * @double);")]
    [InlineData("Loss", "Probe", "static float Define([Shape(\"N\", \"D\")] Tensor W, [Shape(\"N\", \"D\")] Tensor dW, [Shape(\"N\")] Tensor n, [Shape(\"D\")] Tensor d) => Mean(i => Sum(k => W[i, k] * dW[i, k] * n[i] * d[k]));")]
    [InlineData("Loss", "Probe", "static float Define([Shape(\"N\")] Tensor Math, [Shape(\"N\")] Tensor Span, [Shape(\"N\")] Tensor Value, [Shape(\"N\")] Tensor TLanes, [Shape(\"N\")] Tensor i0, [Shape(\"N\")] Tensor T) => Mean(i => Math[i] * Span[i] + Value[i] * TLanes[i] + i0[i] * T[i]);")]
    [InlineData("Loss", "Probe", "static float Define([Shape(\"N\")] Tensor x, [Shape(\"N\")] Tensor grad, [Shape(\"N\")] Tensor gradient, [Shape(\"N\")] Tensor result, [Shape(\"N\")] Tensor sum, [Shape(\"N\")] Tensor acc, float scale, float lanes) => Mean(i => x[i] * grad[i] * gradient[i] * result[i] * sum[i] * acc[i] * scale * lanes);")]
    [InlineData("Loss", "Größe", "static float Define([Shape(\"N\")] Tensor größe, float λ = 1f) => λ * Mean(i => Sqr(größe[i]));")]
    [InlineData("Loss", "Sum", "static float Define([Shape(\"N\")] Tensor x) => Mean(i => Sqr(x[i]));")]
    [InlineData("Loss", "Value", "static float Define([Shape(\"N\")] Tensor x) => Mean(i => Sqr(x[i]));")]
    [InlineData("Loss", "Probe", "static float Define([Shape(\"N\")] Tensor x, int N) => Mean(i => Sqr(x[i]));")]
    [InlineData("Optimizer", "Probe", "static void Define(ref float @float, float @in, float @class = 0.1f) { @float -= @class * @in; }")]
    [InlineData("Optimizer", "Probe", "static void Define(ref float w, float g, float lr = 0.1f, float n = 1f, float t0 = 2f, float Math = 1f) { w -= lr * g * n * Math; }")]
    [InlineData("Regularizer", "Probe", "static float Define([Shape(\"P\")] Tensor @float, float @lambda = 1f) => @lambda * Sum(k => Sqr(@float[k]));")]
    public void Show(string kind, string name, string define)
    {
        var src = "using LossGen;\nusing static LossGen.Dsl;\nnamespace Outer.Inner { public partial class Host { [" + kind + "]\npublic partial struct " + name + "\n{\n    " + define + "\n} } }\n";
        var run = DiagnosticRun.Of(src);
        foreach (var d in run.Input.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)) output.WriteLine("C#: " + d);
        foreach (var d in run.Reported) output.WriteLine("LG: " + d);
        foreach (var e in run.AddedErrors().Take(6)) output.WriteLine("GEN: " + e);
        output.WriteLine("GEN errors: " + run.AddedErrors().Count);
        var opts = LossGen.Tests.Generator.GeneratorHarness.ParseOptions.WithDocumentationMode(Microsoft.CodeAnalysis.DocumentationMode.Diagnose);
        var trees = run.Output.SyntaxTrees.Select(t => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(t.GetText(), opts, t.FilePath));
        var c = run.Output.RemoveAllSyntaxTrees().AddSyntaxTrees(trees);
        foreach (var d in c.GetDiagnostics().Where(d => d.Id.StartsWith("CS157") || d.Id.StartsWith("CS1572") || d.Id == "CS1573").Take(4)) output.WriteLine("DOC: " + d);
    }
}
