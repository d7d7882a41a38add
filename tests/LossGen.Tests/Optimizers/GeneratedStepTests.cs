using System.Linq;
using System.Text.RegularExpressions;
using LossGen.Tests.Generator;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LossGen.Tests.Optimizers;

/// <summary>
/// The shape of the generated Step for the DESIGN.md Adam sketch: element-independent work
/// (β^t, the bias corrections, their quotients) happens before the loop; inside it each buffer
/// is loaded once and each updated buffer stored once; and editing unrelated code re-runs nothing.
/// </summary>
public class GeneratedStepTests
{
    internal const string Sketch = """
        using LossGen;
        using static LossGen.Dsl;
        namespace Demo;

        [Optimizer]
        public partial struct Adam
        {
            static void Define(ref float w, float g, ref float m, ref float v, Step t,
                               float lr = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f)
            {
                m = beta1 * m + (1 - beta1) * g;
                v = beta2 * v + (1 - beta2) * g * g;
                w -= lr * (m / (1 - Pow(beta1, t))) / (Sqrt(v / (1 - Pow(beta2, t))) + eps);
            }
        }
        """;

    /// <summary>The plain step's kernel, one body for float and double (it ends where the fused one begins).</summary>
    private static string Kernel()
    {
        var (output, run) = GeneratorHarness.Generate(Sketch);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        // Comments quote the rule as written (Pow and all); only code counts here.
        var source = string.Join("\n", GeneratorHarness.GeneratedSource(run, "Adam").Split('\n').Where(l => !l.TrimStart().StartsWith("//")));
        var start = source.IndexOf("private static void StepKernel<V, T>(Span<T>");
        var end = source.IndexOf("private static void StepKernel<V, T, TRegularizer>(Span<T>");
        Assert.True(start >= 0 && end > start, "the plain kernel, then the fused one");
        return source.Substring(start, end - start);
    }

    [Fact]
    public void Bias_corrections_are_computed_once_before_the_loop()
    {
        var kernel = Kernel();
        var loop = kernel.IndexOf("for (");
        var pows = Regex.Matches(kernel, @"Math\.Pow\((beta1|beta2), \(double\)t\)").Select(m => m.Index).ToList();
        Assert.Equal(2, pows.Count);
        Assert.All(pows, index => Assert.True(index < loop));
        // 1 − β^t is a double computed once: no lane ever sees beta1 or t directly.
        Assert.DoesNotContain("Pow", kernel.Substring(loop));
        Assert.Matches(@"double u\d+ = 1\.0 - u\d+;", kernel.Substring(0, loop));
    }

    [Fact]
    public void Each_buffer_is_loaded_once_and_stored_once_per_element()
    {
        var kernel = Kernel();
        var loop = kernel.Substring(kernel.IndexOf("for ("), kernel.IndexOf("if (p < n)") - kernel.IndexOf("for ("));
        var tail = kernel.Substring(kernel.IndexOf("if (p < n)"));
        foreach (var buffer in new[] { "w", "g", "m", "v" })
        {
            Assert.Single(Regex.Matches(loop, $@"V\.Load\({buffer}, p\)"));
            Assert.Single(Regex.Matches(tail, $@"V\.LoadPartial\({buffer}, p, rem\)"));
        }
        foreach (var buffer in new[] { "w", "m", "v" })
        {
            Assert.Single(Regex.Matches(loop, $@"V\.Store\({buffer}, p, "));
            Assert.Single(Regex.Matches(tail, $@"V\.StorePartial\({buffer}, p, rem, "));
        }
        Assert.DoesNotMatch(@"V\.Store(Partial)?\(g,", kernel);
    }

    [Fact]
    public void Editing_unrelated_code_reruns_nothing()
    {
        var driver = GeneratorHarness.Driver(trackSteps: true);
        var compilation = GeneratorHarness.Compilation(Sketch, "namespace Other; class A { int x = 1; }");
        driver = driver.RunGenerators(compilation);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Last(),
            Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("namespace Other; class A { int x = 2; }", GeneratorHarness.ParseOptions, path: "User1.cs"));
        var run = driver.RunGenerators(edited).GetRunResult().Results.Single();
        foreach (var step in new[] { "LossGen.ReadOptimizer", "LossGen.CompileOptimizer" })
        {
            var outputs = run.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }
    }
}
