using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using LossGen.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LossGen.CodeFixes;

/// <summary>
/// LG0105: transposes an operand (<c>v</c> → <c>v.T</c>) or keeps a reduction's axis
/// (<c>Mean(X, axis: 1)</c> → <c>Mean(X, axis: 1, keepDims: true)</c>). The analyzer decides which,
/// and offers it only when it is the one such edit that makes the whole expression's shapes
/// valid (see DslParser.BroadcastFixes); the diagnostic's properties say what and where.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BroadcastFix)), Shared]
public sealed class BroadcastFix : CodeFixProvider
{
    // Must match DslParser's FixProperty, FixStartProperty, FixLengthProperty, TransposeFix, KeepDimsFix.
    private const string FixProperty = "BroadcastFix", FixStartProperty = "FixStart", FixLengthProperty = "FixLength";
    private const string TransposeFix = "Transpose", KeepDimsFix = "KeepDims";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.BroadcastMismatch.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(FixProperty, out var kind)
                || !diagnostic.Properties.TryGetValue(FixStartProperty, out var start)
                || !diagnostic.Properties.TryGetValue(FixLengthProperty, out var length)
                || !int.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                || !int.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var l)
                || s + l > root.FullSpan.End)
                continue;
            // The operand: the outermost expression with exactly that span (a parenthesized one included).
            var span = new TextSpan(s, l);
            if (root.FindNode(span, getInnermostNodeForTie: false) is not ExpressionSyntax operand || operand.Span != span) continue;
            var replacement = kind switch
            {
                TransposeFix => Transposed(operand),
                KeepDimsFix => WithKeepDims(operand),
                _ => null,
            };
            if (replacement is null) continue;
            var title = kind == TransposeFix ? $"Transpose '{operand}': {replacement}" : "Keep the reduced axis: keepDims: true";
            context.RegisterCodeFix(CodeAction.Create(title,
                _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(operand, replacement.WithTriviaFrom(operand)))),
                equivalenceKey: kind), diagnostic);
        }
    }

    /// <summary><c>x.T</c>, parenthesizing the operand unless it is already a primary expression.</summary>
    private static ExpressionSyntax Transposed(ExpressionSyntax operand)
    {
        var target = operand is IdentifierNameSyntax or InvocationExpressionSyntax or MemberAccessExpressionSyntax
            or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax
            ? operand.WithoutTrivia()
            : SyntaxFactory.ParenthesizedExpression(operand.WithoutTrivia());
        return SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, target, SyntaxFactory.IdentifierName("T"));
    }

    /// <summary>The reduction with <c>keepDims: true</c>: an existing keepDims argument is set, else one is added.</summary>
    private static ExpressionSyntax? WithKeepDims(ExpressionSyntax operand)
    {
        var inner = operand;
        while (inner is ParenthesizedExpressionSyntax p) inner = p.Expression;
        if (inner is not InvocationExpressionSyntax call) return null;
        var args = call.ArgumentList.Arguments;
        var trueLiteral = SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression);
        var named = args.FirstOrDefault(a => a.NameColon?.Name.Identifier.Text == "keepDims");
        // keepDims is the third parameter: (x, axis, keepDims).
        var existing = named ?? (args.Count >= 3 && args[2].NameColon is null ? args[2] : null);
        var updated = existing is not null
            ? call.ReplaceNode(existing, existing.WithExpression(trueLiteral.WithTriviaFrom(existing.Expression)))
            : call.AddArgumentListArguments(SyntaxFactory.Argument(
                SyntaxFactory.NameColon("keepDims"), default, trueLiteral));
        return operand == inner ? updated : operand.ReplaceNode(inner, updated);
    }
}
