using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.CodeFixes;

/// <summary>
/// The shape shared by the stability fixes (LG0301–LG0303): find the expression the lint reported,
/// match it again with the analyzer's own <c>StableForms</c> matcher (so fix and lint never
/// disagree on what the pattern is), and replace it by its stable spelling. A match the rewrite
/// cannot express gets no fix rather than a wrong one.
/// </summary>
public abstract class StableRewriteFix<TNode> : CodeFixProvider where TNode : ExpressionSyntax
{
    protected abstract string Title { get; }

    protected abstract string DiagnosticId { get; }

    /// <summary>The stable replacement of <paramref name="node"/>, or null when there is none.</summary>
    protected abstract ExpressionSyntax? Rewrite(TNode node);

    public sealed override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticId);

    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not TNode node
                || Rewrite(node) is not { } replacement)
                continue;
            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => DslRewriting.ReplaceAsync(context.Document, node, replacement, ct), equivalenceKey: Title),
                diagnostic);
        }
    }
}
