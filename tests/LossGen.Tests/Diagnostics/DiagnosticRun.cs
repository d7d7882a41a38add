extern alias AnalyzerAssembly;

using System.Collections.Immutable;
using System.Linq;
using System.Threading;
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

    /// <summary>Everything the analyzer reported, suppressed diagnostics included (flagged IsSuppressed).</summary>
    public required ImmutableArray<Diagnostic> Analyzer { get; init; }

    /// <summary>The LossGen diagnostics the analyzer reported and that are not suppressed.</summary>
    public ImmutableArray<Diagnostic> Reported => Analyzer.Where(d => d.Id.StartsWith("LG") && !d.IsSuppressed).ToImmutableArray();

    public static DiagnosticRun Of(string source, EditorConfig? editorConfig = null) => Of(new[] { source }, editorConfig);

    public static DiagnosticRun Of(string[] sources, EditorConfig? editorConfig = null)
    {
        Compilation input = GeneratorHarness.Compilation(sources);
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
        if (editorConfig is not null) (input, options) = editorConfig.ApplyTo(input);

        var driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        var analyzer = output.WithAnalyzers(
                ImmutableArray.Create<DiagnosticAnalyzer>(new AnalyzerAssembly::LossGen.Analyzers.LossGenAnalyzer()),
                new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: true,
                    logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None).Result;
        return new DiagnosticRun { Input = input, Output = output, Generator = driver.GetRunResult(), Analyzer = analyzer };
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
        AddedErrors().ShouldBeEmpty("the generated code introduced errors");
    }

    /// <summary>Errors in the output that the input did not have: the generator's doing.</summary>
    public System.Collections.Generic.List<string> AddedErrors()
    {
        var before = Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(Key).ToHashSet();
        return Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && !before.Contains(Key(d)))
            .Select(d => d.ToString()).ToList();
    }

    private static string Key(Diagnostic d) => d.Id + "@" + d.Location.GetLineSpan();
}
