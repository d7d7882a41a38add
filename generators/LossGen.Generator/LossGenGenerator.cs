using System;
using System.Linq;
using System.Collections.Immutable;
using LossGen.Compiler.Diagnostics;
using LossGen.Compiler.Model;
using LossGen.Compiler.Optimizers;
using LossGen.Compiler.Parse;
using LossGen.Compiler.Passes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.Generator;

/// <summary>
/// The LossGen incremental generator. Each [Loss], [Regularizer] or [Optimizer] struct is read into an
/// equatable model (the only step that sees symbols), then compiled to source. Both steps are
/// named so tests can check that editing unrelated code re-runs nothing. User-facing
/// diagnostics are the analyzer's; the generator only emits code, and never throws.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class LossGenGenerator : IIncrementalGenerator
{
    public const string ReadStep = "LossGen.Read";
    public const string CompileStep = "LossGen.Compile";
    public const string ReadOptimizerStep = "LossGen.ReadOptimizer";
    public const string CompileOptimizerStep = "LossGen.CompileOptimizer";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var losses = Declarations(context, "LossGen.LossAttribute", DeclarationKind.Loss);
        var regularizers = Declarations(context, "LossGen.RegularizerAttribute", DeclarationKind.Regularizer);
        foreach (var models in new[] { losses, regularizers })
        {
            var compiled = models.Select((m, _) => SafeCompile(m)).WithTrackingName(CompileStep);
            context.RegisterSourceOutput(compiled, (spc, result) =>
            {
                spc.AddSource(result.Result.HintName, result.Result.Source);
                if (result.InternalError is { } error)
                    spc.ReportDiagnostic(Diagnostic.Create(Descriptors.InternalError, Location.None, result.Name, error));
            });
        }

        // [Optimizer] rules have their own front end and passes (see OptimizerPipeline).
        var optimizers = context.SyntaxProvider.ForAttributeWithMetadataName(
                "LossGen.OptimizerAttribute",
                static (node, _) => node is StructDeclarationSyntax { Identifier.IsMissing: false }
                    or RecordDeclarationSyntax { ClassOrStructKeyword.Text: "struct", Identifier.IsMissing: false },
                (ctx, _) => DeclaringPart.Is((TypeDeclarationSyntax)ctx.TargetNode, (INamedTypeSymbol)ctx.TargetSymbol, "LossGen.OptimizerAttribute")
                    ? OptimizerParser.Parse((TypeDeclarationSyntax)ctx.TargetNode, (INamedTypeSymbol)ctx.TargetSymbol, ctx.SemanticModel)
                    : null)
            .WithTrackingName(ReadOptimizerStep)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!);
        var compiledOptimizers = optimizers.Select((m, _) => SafeCompile(m.FullName, () => OptimizerPipeline.Compile(m)))
            .WithTrackingName(CompileOptimizerStep);
        context.RegisterSourceOutput(compiledOptimizers, (spc, result) =>
        {
            spc.AddSource(result.Result.HintName, result.Result.Source);
            if (result.InternalError is { } error)
                spc.ReportDiagnostic(Diagnostic.Create(Descriptors.InternalError, Location.None, result.Name, error));
        });
    }

    private static IncrementalValuesProvider<DeclarationModel> Declarations(
        IncrementalGeneratorInitializationContext context, string attribute, DeclarationKind kind) =>
        context.SyntaxProvider.ForAttributeWithMetadataName(
                attribute,
                // A struct without a name (the user is still typing it) is C#'s error to report;
                // a part generated for it would add a second error, and two would share a hint name.
                static (node, _) => node is StructDeclarationSyntax { Identifier.IsMissing: false }
                    or RecordDeclarationSyntax { ClassOrStructKeyword.Text: "struct", Identifier.IsMissing: false },
                (ctx, _) => DeclaringPart.Is((TypeDeclarationSyntax)ctx.TargetNode, (INamedTypeSymbol)ctx.TargetSymbol, attribute)
                    ? DslParser.Parse((TypeDeclarationSyntax)ctx.TargetNode, (INamedTypeSymbol)ctx.TargetSymbol, ctx.SemanticModel, kind)
                    : null)
            .WithTrackingName(ReadStep)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!);

    private sealed record Compiled(string Name, CompileResult Result, string? InternalError);

    /// <summary>A bug in a pass must not take the user's build down with an exception: it becomes LG0999.</summary>
    private static Compiled SafeCompile(DeclarationModel model) => SafeCompile(model.FullName, () => CompilerPipeline.Compile(model));

    private static Compiled SafeCompile(string fullName, Func<CompileResult> compile)
    {
        try
        {
            return new Compiled(fullName, compile(), null);
        }
        catch (Exception e)
        {
            // The same safe file name the pipeline gives (a generic container's <T> is not allowed).
            var hint = new string(fullName.Select(ch => char.IsLetterOrDigit(ch) || ch is '.' or '_' ? ch : '_').ToArray()) + ".g.cs";
            return new Compiled(fullName,
                new CompileResult(hint, "// <auto-generated/>\n// LossGen internal error; see LG0999.\n", EquatableArray<DiagnosticInfo>.Empty),
                e.GetType().Name + ": " + e.Message);
        }
    }
}
