using System.Linq;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Diagnostics;

/// <summary>What the analyzer looks at: declarations, and only the part of them that is one.</summary>
public class AnalyzerScopeTests
{
    private const string Usings = "using LossGen;\nusing static LossGen.Dsl;\n";

    [Fact]
    public void A_second_part_of_a_declaration_in_another_file_is_not_reported_as_missing_Define()
    {
        var declaration = Usings + """
            [Loss]
            public partial struct Squares
            {
                static float Define([Shape("N")] Tensor r) => Mean(i => Sqr(r[i]));
            }
            """;
        var helpers = """
            public partial struct Squares
            {
                public static string Describe() => "mean of squares";
            }
            """;

        var run = DiagnosticRun.Of(new[] { declaration, helpers });

        run.Analyzer.ShouldBeEmpty();
        run.Output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ShouldBeEmpty();
    }

    [Fact]
    public void A_struct_without_a_LossGen_attribute_is_not_analyzed()
    {
        var run = DiagnosticRun.Of(Usings + "public struct Plain { static void Define() { } }");

        run.Analyzer.ShouldBeEmpty();
    }
}
