using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace LossGen.CodeFixes;

/// <summary>Building blocks of the rewrites: DSL calls spelled like the user's, parentheses only where needed.</summary>
internal static class DslRewriting
{
    /// <summary>
    /// A call of <paramref name="name"/> qualified the way <paramref name="like"/> is: <c>LogSumExp</c>
    /// next to <c>Log</c>, <c>Dsl.LogSumExp</c> next to <c>Dsl.Log</c>.
    /// </summary>
    public static ExpressionSyntax Callee(InvocationExpressionSyntax like, string name) => like.Expression switch
    {
        MemberAccessExpressionSyntax m => m.WithName(SyntaxFactory.IdentifierName(name)),
        _ => SyntaxFactory.IdentifierName(name),
    };

    public static InvocationExpressionSyntax Call(InvocationExpressionSyntax like, string name, ExpressionSyntax argument) =>
        SyntaxFactory.InvocationExpression(Callee(like, name),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(argument))));

    /// <summary>The lambda with its body replaced (its parameters, and so the index names, kept).</summary>
    public static LambdaExpressionSyntax WithBody(LambdaExpressionSyntax lambda, ExpressionSyntax body) =>
        lambda.WithBody(body.WithoutTrivia());

    /// <summary>
    /// Parentheses the simplifier removes again where the operator precedence does not need them,
    /// so <c>a - b</c> stays bare as an argument but becomes <c>-(a - b)</c> under a minus.
    /// </summary>
    public static ExpressionSyntax Grouped(ExpressionSyntax e) =>
        SyntaxFactory.ParenthesizedExpression(e.WithoutTrivia()).WithAdditionalAnnotations(Simplifier.Annotation);

    public static BinaryExpressionSyntax Minus(ExpressionSyntax a, ExpressionSyntax b) =>
        SyntaxFactory.BinaryExpression(SyntaxKind.SubtractExpression, Grouped(a), Grouped(b));

    /// <summary>
    /// Replaces one expression, keeping its surrounding trivia, and lets the formatter tidy the new
    /// node. Parentheses the user put around the old expression go with it: the replacement is
    /// grouped only if the place needs it.
    /// </summary>
    public static async Task<Document> ReplaceAsync(Document document, SyntaxNode old, ExpressionSyntax replacement, CancellationToken cancellation)
    {
        var root = await document.GetSyntaxRootAsync(cancellation).ConfigureAwait(false);
        while (old.Parent is ParenthesizedExpressionSyntax outer) old = outer;
        replacement = Grouped(replacement);
        var node = replacement.WithTriviaFrom(old).WithAdditionalAnnotations(Formatter.Annotation);
        return document.WithSyntaxRoot(root!.ReplaceNode(old, node));
    }
}
