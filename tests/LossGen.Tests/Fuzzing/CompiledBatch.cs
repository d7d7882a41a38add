using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using LossGen.Compiler.Model;
using LossGen.Compiler.Parse;
using LossGen.Compiler.Passes;
using LossGen.Tests.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.Tests.Fuzzing;

/// <summary>
/// Many declarations compiled as one in-memory assembly through the real generator: Roslyn's fixed
/// cost (binding the references, emitting) is paid once per batch instead of once per program.
/// </summary>
internal sealed class CompiledBatch : IDisposable
{
    public const string Usings = "using LossGen;\nusing static LossGen.Dsl;\nnamespace Fuzz;\n";

    /// <summary>For declarations that bring their own namespace (<see cref="FuzzNames.Apply"/>).</summary>
    public const string UsingsOnly = "using LossGen;\nusing static LossGen.Dsl;\n";

    private readonly AssemblyLoadContext? context;
    private readonly Assembly? assembly;

    private CompiledBatch(Compilation input, GeneratorDriverRunResult run, IReadOnlyList<Diagnostic> errors, AssemblyLoadContext? context, Assembly? assembly)
    {
        Input = input;
        Run = run;
        CompileErrors = errors;
        this.context = context;
        this.assembly = assembly;
    }

    /// <summary>The user's code before generation (what the analyzer and the reference front end see).</summary>
    public Compilation Input { get; }

    public GeneratorDriverRunResult Run { get; }

    /// <summary>Errors and warnings of the compilation with the generated code added.</summary>
    public IReadOnlyList<Diagnostic> CompileErrors { get; }

    /// <summary>Exceptions the generator threw, and LG0999 (a pass that threw, caught by the generator).</summary>
    public IEnumerable<string> GeneratorCrashes =>
        Run.Results.Where(r => r.Exception is not null).Select(r => r.Exception!.ToString())
            .Concat(Run.Diagnostics.Where(d => d.Id == "LG0999").Select(d => d.GetMessage()));

    /// <param name="load">Emit and load the assembly (valid programs); malformed ones are only generated and compiled.</param>
    public static CompiledBatch Compile(string source, bool load)
    {
        var (output, run) = GeneratorHarness.Generate(source);
        var input = output.RemoveSyntaxTrees(output.SyntaxTrees.Where(t => !t.FilePath.StartsWith("User", StringComparison.Ordinal)));
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (!load || problems.Any(d => d.Severity == DiagnosticSeverity.Error))
            return new CompiledBatch(input, run, problems, null, null);

        using var pe = new MemoryStream();
        var emitted = output.Emit(pe);
        if (!emitted.Success)
            return new CompiledBatch(input, run, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList(), null, null);
        var context = new AssemblyLoadContext("fuzz", isCollectible: true);
        pe.Position = 0;
        return new CompiledBatch(input, run, problems, context, context.LoadFromStream(pe));
    }

    public Type TypeOf(string name, FuzzNames? names = null) =>
        assembly?.GetType((names ?? FuzzNames.Plain).TypeName(name), throwOnError: true) ?? throw new InvalidOperationException("The batch did not compile.");

    /// <summary>The declaration as the compiler's front end sees it: parsed and shaped, for the reference interpreter.</summary>
    public ShapedDeclaration Shaped(string name, FuzzNames? names = null)
    {
        var tree = Input.SyntaxTrees.First();
        var semantic = Input.GetSemanticModel(tree);
        // Hostile batches repeat struct names in different namespaces: match the full name.
        var wanted = (names ?? FuzzNames.Plain).TypeName(name);
        var (syntax, symbol) = tree.GetRoot().DescendantNodes().OfType<StructDeclarationSyntax>()
            .Where(s => s.Identifier.ValueText == name)
            .Select(s => (Syntax: s, Symbol: (INamedTypeSymbol)semantic.GetDeclaredSymbol(s)!))
            .Single(c => ReflectionName(c.Symbol) == wanted);
        var parsed = DslParser.Parse(syntax, symbol, semantic, DeclarationKind.Loss);
        var (shaped, errors) = InferShapes.Run(parsed.Model);
        if (shaped is null)
            throw new InvalidOperationException(
                $"{name} did not shape: {string.Join("; ", parsed.Spans.Diagnostics.Concat(errors.Select(e => e.At(parsed.Spans))))}");
        return shaped;
    }

    private static string ReflectionName(INamedTypeSymbol type) =>
        type.ContainingType is { } outer ? ReflectionName(outer) + "+" + type.MetadataName
        : type.ContainingNamespace.IsGlobalNamespace ? type.MetadataName
        : Namespace(type.ContainingNamespace) + "." + type.MetadataName;

    // Segment by segment by metadata name: display strings escape keywords (@event), reflection does not.
    private static string Namespace(INamespaceSymbol ns) =>
        ns.ContainingNamespace is { IsGlobalNamespace: false } outer ? Namespace(outer) + "." + ns.MetadataName : ns.MetadataName;

    public void Dispose() => context?.Unload();
}
