using System.Linq;
using LossGen.Tests.Generator;
using Microsoft.CodeAnalysis;
using Xunit;

namespace LossGen.Tests.Optimizers;

/// <summary>
/// A malformed update rule gets an LG02xx (or the shared LG0005/LG0006) diagnostic from the
/// analyzer at the exact span of the offending code, and the generator still emits a compiling
/// fallback, so the user sees no other error.
/// </summary>
public class OptimizerDiagnosticsTests
{
    private const string Usings = "using LossGen;\nusing static LossGen.Dsl;\nnamespace Demo;\n";

    private static string Rule(string signature, string body) => Usings + $$"""
        [Optimizer]
        public partial struct Rule
        {
            static void Define({{signature}})
            {
                {{body}}
            }
        }
        """;

    [Theory]
    [InlineData("LG0203", "ref float w, float g, float lr", "g = 0;", "g")]
    [InlineData("LG0203", "ref float w, float g, float lr", "lr *= 0.5f; w -= lr * g;", "lr")]
    [InlineData("LG0203", "ref float w, float g, Step t", "t = default; w -= g;", "t")]
    [InlineData("LG0204", "ref float w, float g, float lr", "for (int k = 0; k < 2; k++) w -= lr * g;", "for (int k = 0; k < 2; k++) w -= lr * g;")]
    [InlineData("LG0204", "ref float w, float g, float lr", "if (g > 0) w -= lr * g;", "if (g > 0) w -= lr * g;")]
    [InlineData("LG0204", "ref float w, float g, float lr", "w++;", "w++;")]
    [InlineData("LG0006", "ref float w, float g, float lr", "w -= lr * System.MathF.Sqrt(g);", "System.MathF.Sqrt(g)")]
    [InlineData("LG0202", "float w, float g, float lr", "", "float w")]
    [InlineData("LG0202", "ref float w, ref float g, float lr", "", "ref float g")]
    [InlineData("LG0205", "ref float w, float g, ref int count", "w -= g;", "ref int count")]
    [InlineData("LG0205", "ref float w, float g, string name", "w -= g;", "string name")]
    [InlineData("LG0201", "ref float w, float g", "", "Define")]
    public void Reports_at_the_exact_span(string id, string signature, string body, string spanText)
    {
        var source = Rule(signature, body);
        var compilation = GeneratorHarness.Compilation(source);
        var diagnostics = GeneratorHarness.Analyze(compilation).Where(d => d.Id.StartsWith("LG")).ToList();

        var d = Assert.Single(diagnostics);
        Assert.Equal(id, d.Id);
        Assert.Equal(spanText, source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));

        // The generator's fallback compiles: the only errors are LossGen's.
        var (output, _) = GeneratorHarness.Generate(source);
        Assert.DoesNotContain(output.GetDiagnostics(), e => e.Severity == DiagnosticSeverity.Error && !e.Id.StartsWith("LG") && e.Id != "CS0219");
    }

    [Fact]
    public void A_rule_without_Define_is_reported_at_the_type_name()
    {
        var source = Usings + "[Optimizer]\npublic partial struct Empty { }\n";
        var d = Assert.Single(GeneratorHarness.Analyze(GeneratorHarness.Compilation(source)));
        Assert.Equal("LG0201", d.Id);
        Assert.Equal("Empty", source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));
    }

    [Fact]
    public void A_record_struct_rule_compiles_like_a_struct()
    {
        var source = Usings + "[Optimizer]\npublic partial record struct Halve { static void Define(ref float w, float g) => w -= 0.5f * g; }\n";
        Assert.Empty(GeneratorHarness.Analyze(GeneratorHarness.Compilation(source)));
        var (output, _) = GeneratorHarness.Generate(source);
        Assert.Empty(output.GetDiagnostics().Where(e => e.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Parameters_named_like_the_kernel_loop_variables_still_compile()
    {
        var source = Rule("ref float w, float g, ref float rem, float p = 0.5f, float n = 2f, float u1 = 1f, float s2 = 1f",
            "rem = p * rem + g; w -= n * u1 * s2 * rem / (1 + p);");
        Assert.Empty(GeneratorHarness.Analyze(GeneratorHarness.Compilation(source)));
        var (output, _) = GeneratorHarness.Generate(source);
        Assert.Empty(output.GetDiagnostics().Where(e => e.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void A_call_CSharp_rejects_gets_no_LossGen_diagnostic_on_top()
    {
        var source = Rule("ref float w, float g", "w -= Sqrt(g, g);");
        Assert.Empty(GeneratorHarness.Analyze(GeneratorHarness.Compilation(source)));
        var (output, _) = GeneratorHarness.Generate(source);
        Assert.Contains(output.GetDiagnostics(), e => e.Id == "CS1501");
        Assert.DoesNotContain(output.GetDiagnostics(), e => e.Id.StartsWith("CS") && e.Id != "CS1501");
    }

    [Fact]
    public void A_valid_rule_has_no_diagnostics()
    {
        var source = Rule("ref float w, float g, ref float v, Step t, float lr = 0.1f",
            "var old = v; v = 0.9f * v + g; w -= lr * (v > old ? v : old) / t;");
        Assert.Empty(GeneratorHarness.Analyze(GeneratorHarness.Compilation(source)));
        var (output, _) = GeneratorHarness.Generate(source);
        Assert.Empty(output.GetDiagnostics().Where(e => e.Severity >= DiagnosticSeverity.Warning));
    }
}
