using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using LossGen.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace LossGen.CodeFixes;

/// <summary>
/// LG0308: adds <c>[Shape("N", "C")]</c> with the dimensions the Shapes pass inferred (the analyzer
/// passes them in the diagnostic's properties), into the parameter's existing attribute list if it
/// has one (<c>[Const, Shape("C")]</c>). The declaration compiles to the same kernel: the names
/// were already these.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddShapeFix)), Shared]
public sealed class AddShapeFix : CodeFixProvider
{
    /// <summary>Must match the analyzer's MissingShapeLint.DimensionsProperty.</summary>
    private const string DimensionsProperty = "Dimensions";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.MissingShape.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DimensionsProperty, out var joined) || string.IsNullOrEmpty(joined)
                || root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not ParameterSyntax parameter)
                continue;
            var dims = joined!.Split(',');
            var title = $"Add [Shape({string.Join(", ", dims.Select(d => "\"" + d + "\""))})]";
            context.RegisterCodeFix(CodeAction.Create(title, ct =>
            {
                var updated = WithShape(parameter, dims).WithAdditionalAnnotations(Formatter.Annotation);
                return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(parameter, updated)));
            }, equivalenceKey: "AddShape"), diagnostic);
        }
    }

    private static ParameterSyntax WithShape(ParameterSyntax parameter, string[] dims)
    {
        var arguments = SyntaxFactory.AttributeArgumentList(SyntaxFactory.SeparatedList(dims.Select(d =>
            SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(d))))));
        var shape = SyntaxFactory.Attribute(ShapeName(parameter), arguments);
        if (parameter.AttributeLists.Count > 0)
        {
            var last = parameter.AttributeLists.Last();
            return parameter.ReplaceNode(last, last.AddAttributes(shape));
        }
        // The new list takes the parameter's leading trivia, so the parameter keeps its place on the line.
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(shape))
            .WithLeadingTrivia(parameter.GetLeadingTrivia())
            .WithTrailingTrivia(SyntaxFactory.Space);
        return parameter.WithoutLeadingTrivia().AddAttributeLists(list);
    }

    /// <summary><c>Shape</c>, or <c>LossGen.Shape</c> when the parameter's type is written <c>LossGen.Tensor</c>.</summary>
    private static NameSyntax ShapeName(ParameterSyntax parameter) =>
        parameter.Type is QualifiedNameSyntax qualified
            ? SyntaxFactory.QualifiedName(qualified.Left, SyntaxFactory.IdentifierName("Shape"))
            : SyntaxFactory.IdentifierName("Shape");
}
