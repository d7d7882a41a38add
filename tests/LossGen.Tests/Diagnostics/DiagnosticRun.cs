using System.Collections.Immutable;
using System.Linq;
using LossGen.Tests.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Shouldly;

namespace LossGen.Tests.Diagnostics;

/// <summary>
/// One declaration run as the IDE and the build run it: the real generator on the user's
/// compilation, then the real analyzer on the result. Holds what the checks below need.
/// </summary>
internal sealed class DiagnosticRun
{
    public required Compilation Input { get; init; }
    public required Compilation Output { get; init; }
    public required GeneratorDriverRunResult Generator { get; init; }
    public required ImmutableArray<Diagnostic> Analyzer { get; init; }

    /// <summary>The LossGen diagnostics the analyzer reported and that are not suppressed.</summary>
    public ImmutableArray<Diagnostic> Reported => Analyzer.Where(d => d.Id.StartsWith("LG") && !d.IsSuppressed).ToImmutableArray();

    public static DiagnosticRun Of(string source, AnalyzerOptions? options = null) => Of(new[] { source }, options);

    public static DiagnosticRun Of(string[] sources, AnalyzerOptions? options = null)
    {
        var input = GeneratorHarness.Compilation(sources);
        var driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        return new DiagnosticRun
        {
            Input = input,
            Output = output,
            Generator = driver.GetRunResult(),
            Analyzer = GeneratorHarness.Analyze(output, options),
        };
    }

    /// <summary>
    /// The generator's contract on any input: it does not throw, does not report LG0999, and what
    /// it adds compiles, so every error left is one the user's code had without it.
    /// </summary>
    public void ShouldHaveAHealthyGenerator()
    {
        var result = Generator.Results.Single();
        result.Exception.ShouldBeNull();
        Generator.Diagnostics.ShouldBeEmpty();
        Analyzer.Where(d => d.Id == "AD0001").ShouldBeEmpty("the analyzer threw");

        var before = Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(Key).ToHashSet();
        var added = Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && !before.Contains(Key(d)))
            .Select(d => d.ToString()).ToList();
        added.ShouldBeEmpty("the generated code introduced errors");
    }

    private static string Key(Diagnostic d) => d.Id + "@" + d.Location.GetLineSpan();
}
