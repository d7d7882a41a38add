extern alias GeneratorAssembly;

using System;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LossGen.Tests.Generator.EmittedTests;

/// <summary>
/// Runs the real generator as an opted-in test project sees it (LossGenEmitTests = true, xUnit
/// referenced), and compiles and loads emitted test classes so their test methods can be run.
/// </summary>
internal static class EmittedTestHarness
{
    private static readonly MetadataReference[] Xunit =
    {
        MetadataReference.CreateFromFile(typeof(global::Xunit.FactAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(global::Xunit.Assert).Assembly.Location),
    };

    /// <summary>User code with xUnit referenced, through the generator with the opt-in property set.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Run) Generate(params string[] sources)
    {
        var input = GeneratorHarness.Compilation(sources).AddReferences(Xunit);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new GeneratorAssembly::LossGen.Generator.LossGenGenerator().AsSourceGenerator() },
            parseOptions: GeneratorHarness.ParseOptions,
            optionsProvider: new OptedIn());
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        return (output, driver.GetRunResult());
    }

    /// <summary>The generated file whose hint name ends with <paramref name="suffix"/>.</summary>
    public static string Source(GeneratorDriverRunResult run, string suffix) =>
        run.Results.Single().GeneratedSources.Single(s => s.HintName.EndsWith(suffix, StringComparison.Ordinal)).SourceText.ToString();

    /// <summary>Compiles sources (no generator) against the runtime and xUnit, and loads them.</summary>
    public static Assembly Load(params string[] sources)
    {
        var compilation = GeneratorHarness.Compilation(sources).AddReferences(Xunit);
        using var pe = new MemoryStream();
        var emitted = compilation.Emit(pe);
        if (!emitted.Success)
            throw new InvalidOperationException(string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        pe.Position = 0;
        return new AssemblyLoadContext("emitted-tests", isCollectible: true).LoadFromStream(pe);
    }

    /// <summary>Runs one test method with its arguments; the failure message, or null when it passed.</summary>
    public static string? RunTest(Type testClass, string method, params object[] arguments)
    {
        var instance = Activator.CreateInstance(testClass);
        try
        {
            testClass.GetMethod(method)!.Invoke(instance, arguments);
            return null;
        }
        catch (TargetInvocationException e) when (e.InnerException is global::Xunit.Sdk.XunitException failure)
        {
            return failure.Message;
        }
    }

    private sealed class OptedIn : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(("build_property.LossGenEmitTests", "true"));

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options();

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options();
    }

    private sealed class Options(params (string Key, string Value)[] values) : AnalyzerConfigOptions
    {
        private readonly ImmutableDictionary<string, string> map = values.ToImmutableDictionary(v => v.Key, v => v.Value, KeyComparer);

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => map.TryGetValue(key, out value);
    }
}
