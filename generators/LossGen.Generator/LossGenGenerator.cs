using System.Collections.Immutable;
using System.Linq;
using System;
using LossGen.Compiler.Diagnostics;
using LossGen.Compiler.Emit;
using LossGen.Compiler.Lowering;
using LossGen.Compiler.Model;
using LossGen.Compiler.Parse;
using LossGen.Compiler.Passes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis;

namespace LossGen.Generator;

/// <summary>
/// The LossGen incremental generator. Each [Loss], [Regularizer] or [Optimizer] struct is read into an
/// equatable model (the only step that sees symbols), then compiled to source. The model holds no
/// positions, so an edit that only moves a declaration re-runs no compile step. The steps are
/// named so tests can check that. User-facing diagnostics, which need the positions, are the
/// analyzer's; the generator only emits code, and never throws.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class LossGenGenerator : IIncrementalGenerator
{
    public const string ReadStep = "LossGen.Read";
    public const string CompileStep = "LossGen.Compile";
    public const string ReadOptimizerStep = "LossGen.ReadOptimizer";
    public const string CompileOptimizerStep = "LossGen.CompileOptimizer";
    public const string CompilePenaltyStep = "LossGen.CompilePenalty";

    public const string EmitTestsStep = "LossGen.EmitTests";

    /// <summary>
    /// Generated gradient-check tests are opt-in (MSBuild <c>&lt;LossGenEmitTests&gt;true&lt;/LossGenEmitTests&gt;</c>
    /// with <c>&lt;CompilerVisibleProperty Include="LossGenEmitTests" /&gt;</c>) and need xUnit and the
    /// checker in the compilation. Both are reduced to one bool, so edits elsewhere re-run nothing.
    /// </summary>
    private static IncrementalValueProvider<bool> EmitTestsEnabled(IncrementalGeneratorInitializationContext context)
    {
        var optedIn = context.AnalyzerConfigOptionsProvider.Select((o, _) =>
            o.GlobalOptions.TryGetValue("build_property.LossGenEmitTests", out var v) && string.Equals(v?.Trim(), "true", StringComparison.OrdinalIgnoreCase));
        // The type lookups only when opted in: the first one loads every reference's namespaces
        // (benchmarks/results/analyzer-cost-2026-12-07.md), a cost a project without tests should not pay.
        return optedIn.Combine(context.CompilationProvider).Select((p, _) =>
            p.Left && p.Right.GetTypeByMetadataName("Xunit.FactAttribute") is not null
                   && p.Right.GetTypeByMetadataName("LossGen.Checking.GradCheck") is not null);
    }

    private sealed record EmittedTest(string HintName, string? Source, string? InternalError);

    /// <summary>Like the kernels, a failing test emitter must not take the build down: no test, and LG0999.</summary>
    private static EmittedTest SafeEmitTest(DeclarationModel model)
    {
        // The same path as the kernels' hint (nested types included), so two declarations never collide.
        var hint = CompilerPipeline.HintName(model).Replace(".g.cs", ".GradientCheck.g.cs");
        try
        {
            return new EmittedTest(hint, GradientTestEmitter.Emit(model), null);
        }
        catch (Exception e)
        {
            return new EmittedTest(hint, null, e.GetType().Name + ": " + e.Message);
        }
    }

    /// <summary>The step checks of an [Optimizer] (see <see cref="OptimizerTestEmitter"/>); a failure is LG0999, never an exception.</summary>
    private static EmittedTest SafeEmitOptimizerTest(OptimizerModel model)
    {
        var hint = (model.Namespace.Length > 0 ? model.Namespace + "." : "")
                   + string.Concat(model.ContainingTypes.Select(c => c.Name + ".")) + model.TypeName + ".StepCheck.g.cs";
        hint = CompilerPipeline.HintName(hint.Substring(0, hint.Length - ".g.cs".Length));
        try
        {
            return new EmittedTest(hint, OptimizerTestEmitter.Emit(model), null);
        }
        catch (Exception e)
        {
            return new EmittedTest(hint, null, e.GetType().Name + ": " + e.Message);
        }
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var losses = Declarations(context, "LossGen.LossAttribute", DeclarationKind.Loss);
        var regularizers = Declarations(context, "LossGen.RegularizerAttribute", DeclarationKind.Regularizer);
        var emitTests = EmitTestsEnabled(context);
        foreach (var models in new[] { losses, regularizers })
        {
            var tests = models.Combine(emitTests).Where(p => p.Right).Select((p, _) => SafeEmitTest(p.Left)).WithTrackingName(EmitTestsStep);
            context.RegisterSourceOutput(tests, (spc, test) =>
            {
                if (test.Source is not null) spc.AddSource(test.HintName, test.Source);
                if (test.InternalError is { } error)
                    spc.ReportDiagnostic(Diagnostic.Create(Descriptors.InternalError, Location.None, test.HintName, error));
            });

            var compiled = models.Select((m, _) => SafeCompile(m)).WithTrackingName(CompileStep);
            context.RegisterSourceOutput(compiled, (spc, result) =>
            {
                spc.AddSource(result.Result!.HintName, result.Result.Source);
                if (result.InternalError is { } error)
                    spc.ReportDiagnostic(Diagnostic.Create(Descriptors.InternalError, Location.None, result.Name, error));
            });
        }

        // An element-wise regularizer also gets a Penalty struct that any optimizer's Step can fuse
        // (see PenaltyEmitter); other regularizers get nothing here.
        var penalties = regularizers.Select((m, _) => SafeCompile(m.FullName, () => PenaltyEmitter.Compile(m)))
            .WithTrackingName(CompilePenaltyStep)
            .Where(static r => r.Result is not null || r.InternalError is not null);
        context.RegisterSourceOutput(penalties, (spc, result) =>
        {
            // On an internal error the regularizer's own file stands; only the Penalty is missing.
            if (result.InternalError is { } error)
                spc.ReportDiagnostic(Diagnostic.Create(Descriptors.InternalError, Location.None, result.Name, error));
            else
                spc.AddSource(result.Result!.HintName, result.Result.Source);
        });

        // [Optimizer] rules have their own front end and passes (see OptimizerPipeline).
        var optimizers = context.SyntaxProvider.ForAttributeWithMetadataName(
                "LossGen.OptimizerAttribute",
                static (node, _) => node is StructDeclarationSyntax { Identifier.IsMissing: false }
                    or RecordDeclarationSyntax { ClassOrStructKeyword.Text: "struct", Identifier.IsMissing: false },
                (ctx, _) => DeclaringPart.Is((TypeDeclarationSyntax)ctx.TargetNode, (INamedTypeSymbol)ctx.TargetSymbol, "LossGen.OptimizerAttribute")
                    ? OptimizerParser.Parse((TypeDeclarationSyntax)ctx.TargetNode, (INamedTypeSymbol)ctx.TargetSymbol, ctx.SemanticModel).Model
                    : null)
            .WithTrackingName(ReadOptimizerStep)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!);
        var optimizerTests = optimizers.Combine(emitTests).Where(p => p.Right).Select((p, _) => SafeEmitOptimizerTest(p.Left))
            .WithTrackingName(EmitTestsStep);
        context.RegisterSourceOutput(optimizerTests, (spc, test) =>
        {
            if (test.Source is not null) spc.AddSource(test.HintName, test.Source);
            if (test.InternalError is { } error)
                spc.ReportDiagnostic(Diagnostic.Create(Descriptors.InternalError, Location.None, test.HintName, error));
        });
        var compiledOptimizers = optimizers.Select((m, _) => SafeCompile(m.FullName, () => OptimizerPipeline.Compile(m)))
            .WithTrackingName(CompileOptimizerStep);
        context.RegisterSourceOutput(compiledOptimizers, (spc, result) =>
        {
            spc.AddSource(result.Result!.HintName, result.Result.Source);
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
                    // Only the position-free model goes on: the spans are the analyzer's (see DeclarationModel).
                    ? DslParser.Parse((TypeDeclarationSyntax)ctx.TargetNode, (INamedTypeSymbol)ctx.TargetSymbol, ctx.SemanticModel, kind).Model
                    : null)
            .WithTrackingName(ReadStep)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!);

    private sealed record Compiled(string Name, CompileResult? Result, string? InternalError);

    /// <summary>A bug in a pass must not take the user's build down with an exception: it becomes LG0999.</summary>
    private static Compiled SafeCompile(DeclarationModel model) => SafeCompile(model.FullName, () => CompilerPipeline.Compile(model));

    private static Compiled SafeCompile(string fullName, Func<CompileResult?> compile)
    {
        try
        {
            return new Compiled(fullName, compile(), null);
        }
        catch (Exception e)
        {
            // The same safe file name the pipeline gives (a generic container's <T> is not allowed).
            var hint = CompilerPipeline.HintName(fullName);
            return new Compiled(fullName,
                new CompileResult(hint, "// <auto-generated/>\n// LossGen internal error; see LG0999.\n"),
                e.GetType().Name + ": " + e.Message);
        }
    }
}
