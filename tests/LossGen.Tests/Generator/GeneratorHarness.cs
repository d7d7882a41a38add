extern alias GeneratorAssembly;
extern alias AnalyzerAssembly;

using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LossGen.Tests.Generator;

/// <summary>
/// Compiles user source in memory against the LossGen runtime, runs the real generator through
/// <see cref="CSharpGeneratorDriver"/> and the real analyzer through <see cref="CompilationWithAnalyzers"/>.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>The references of every in-memory compilation: the platform and the LossGen runtime.</summary>
    public static ImmutableArray<MetadataReference> MetadataReferences => References.Value;

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return platform.Where(p => Path.GetFileName(p).StartsWith("System.") || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(LossGen.Tensor).Assembly.Location))
            .ToImmutableArray();
    });

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create("UserCode",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"User{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            new[] { new GeneratorAssembly::LossGen.Generator.LossGenGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator; returns the updated compilation and the run result.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Run) Generate(params string[] sources)
    {
        var input = Compilation(sources);
        var driver = Driver().RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        return (output, driver.GetRunResult());
    }

    /// <summary>The generated source of one declaration (by type name).</summary>
    public static string GeneratedSource(GeneratorDriverRunResult run, string typeName) =>
        run.Results.Single().GeneratedSources.Single(s => s.HintName.EndsWith("." + typeName + ".g.cs") || s.HintName == typeName + ".g.cs")
            .SourceText.ToString();

    /// <summary>The analyzer's diagnostics on the user's code.</summary>
    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation, AnalyzerOptions? options = null) =>
        compilation.WithAnalyzers(
                ImmutableArray.Create<DiagnosticAnalyzer>(new AnalyzerAssembly::LossGen.Analyzers.LossGenAnalyzer()),
                new CompilationWithAnalyzersOptions(options ?? new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, true, false))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None).Result;
}
