using System.Collections.Immutable;
using System.Linq;
using LossGen.Compiler.Diagnostics;
using LossGen.Compiler.Model;
using LossGen.Compiler.Parse;
using LossGen.Compiler.Passes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LossGen.Analyzers;

/// <summary>
/// Reports LossGen's diagnostics at their exact spans. It runs the same front end as the
/// generator (Read, Parse, Shapes), so what it reports is exactly why the generator emitted no
/// kernel. Being an analyzer, its diagnostics obey #pragma, .editorconfig and [SuppressMessage].
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LossGenAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Descriptors.All.ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(Analyze, SyntaxKind.StructDeclaration);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        var syntax = (StructDeclarationSyntax)context.Node;
        if (context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not { } type) return;
        var kind = KindOf(type);
        if (kind is null) return;

        var model = DslParser.Parse(syntax, type, context.SemanticModel, kind.Value);
        var diagnostics = model.Diagnostics.Count > 0 ? model.Diagnostics.AsEnumerable() : InferShapes.Run(model).Diagnostics;
        foreach (var d in diagnostics) context.ReportDiagnostic(d.ToDiagnostic(syntax.SyntaxTree));
    }

    private static DeclarationKind? KindOf(INamedTypeSymbol type)
    {
        foreach (var a in type.GetAttributes())
        {
            switch (a.AttributeClass?.ToDisplayString())
            {
                case "LossGen.LossAttribute": return DeclarationKind.Loss;
                case "LossGen.RegularizerAttribute": return DeclarationKind.Regularizer;
            }
        }
        return null;
    }
}
