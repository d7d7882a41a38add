using System.Linq;
using LossGen.Tests.Generator;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Fuzzing;

/// <summary>
/// The analyzer's diagnostics are located in the user's syntax tree (found while building the
/// malformed-program fuzzer, which attributes each diagnostic to its declaration): rebuilt from a
/// path alone they were external locations, which #pragma cannot suppress.
/// </summary>
public class AnalyzerLocationTests
{
    private const string NotPartial = "using LossGen;\nusing static LossGen.Dsl;\n[Loss]\npublic struct M { static float Define([Shape(\"N\")] Tensor u) => Sum(i => u[i]); }\n";

    [Fact]
    public void A_diagnostic_points_into_the_source_tree()
    {
        var compilation = GeneratorHarness.Compilation(NotPartial);
        var d = GeneratorHarness.Analyze(compilation).ShouldHaveSingleItem();
        d.Id.ShouldBe("LG0002");
        d.Location.SourceTree.ShouldBe(compilation.SyntaxTrees.Single());
        d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan).ShouldBe("M");
    }

    [Fact]
    public void A_pragma_suppresses_it()
    {
        var compilation = GeneratorHarness.Compilation("#pragma warning disable LG0002\n" + NotPartial);
        GeneratorHarness.Analyze(compilation).ShouldBeEmpty();
    }
}
