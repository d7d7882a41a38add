using System.Collections.Immutable;
using System.Linq;
using LossGen.Analyzers.Lints;
using LossGen.Compiler.Diagnostics;
using LossGen.Compiler.Emit;
using LossGen.Compiler.Lowering;
using LossGen.Compiler.Model;
using LossGen.Compiler.Parse;
using LossGen.Compiler.Passes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis;

namespace LossGen.Analyzers;

/// <summary>
/// Reports LossGen's diagnostics at their exact spans. It runs the same front end as the
/// generator (Read, Parse, Shapes), so what it reports is exactly why the generator emitted no
/// kernel. On a declaration that compiles it then runs the lints (LG03xx, Lints/): warnings
/// about numerically fragile or misconfigured code, which never stop the generator. Being an
/// analyzer, its diagnostics obey #pragma, .editorconfig and [SuppressMessage].
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LossGenAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Descriptors.All.ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(Analyze, SyntaxKind.StructDeclaration, SyntaxKind.RecordStructDeclaration);
        // LG0305 reads the user's training code, not a declaration.
        AdamL2Lint.Register(context);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        var syntax = (TypeDeclarationSyntax)context.Node;
        // Skipped by the generator too: a struct with no name yet is only C#'s error.
        if (syntax.Identifier.IsMissing) return;
        // The declaring part carries the attribute (DeclaringPart): a part without attributes is
        // none, and needs no symbol.
        if (syntax.AttributeLists.Count == 0) return;
        if (context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not { } type) return;
        if (DeclaringPart.Is(syntax, type, "LossGen.OptimizerAttribute"))
        {
            foreach (var d in OptimizerParser.Parse(syntax, type, context.SemanticModel).Diagnostics)
                context.ReportDiagnostic(d.ToDiagnostic(syntax.SyntaxTree));
            return;
        }
        var kind = KindOf(type, syntax);
        if (kind is null) return;

        var parsed = DslParser.Parse(syntax, type, context.SemanticModel, kind.Value);
        if (parsed.Spans.Diagnostics.Count > 0)
        {
            foreach (var d in parsed.Spans.Diagnostics) context.ReportDiagnostic(d.ToDiagnostic(syntax.SyntaxTree));
            return;
        }
        // The Shapes pass names what is wrong by its place in the model; the spans say where that is.
        var (shaped, shapeErrors) = InferShapes.Run(parsed.Model);
        foreach (var e in shapeErrors) context.ReportDiagnostic(e.At(parsed.Spans).ToDiagnostic(syntax.SyntaxTree));
        // Lints (LG03xx) are about declarations that compile: on a broken one they would only add noise.
        if (shaped is null) return;
        var define = syntax.Members.OfType<MethodDeclarationSyntax>().First(m => m.Identifier.Text == "Define");
        var lints = new LintContext(type, define, context.SemanticModel, shaped, parsed.Spans, context.CancellationToken);
        foreach (var d in DeclarationLints.Run(lints)) context.ReportDiagnostic(d);
    }

    /// <summary>
    /// The declaration's kind, if this part of the struct is the declaration. Like the generator,
    /// the analyzer reads only that part: another part of the same partial struct (say, helper
    /// members in a second file) is not a declaration and has no Define of its own.
    /// </summary>
    private static DeclarationKind? KindOf(INamedTypeSymbol type, TypeDeclarationSyntax syntax) =>
        DeclaringPart.Is(syntax, type, "LossGen.LossAttribute") ? DeclarationKind.Loss
        : DeclaringPart.Is(syntax, type, "LossGen.RegularizerAttribute") ? DeclarationKind.Regularizer
        : null;
}
