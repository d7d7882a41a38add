using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.Analyzers.Lints;

/// <summary><c>Log(Sum(v => Exp(x)))</c>: log-sum-exp written out.</summary>
internal sealed record LogSumExpForm(InvocationExpressionSyntax Log, InvocationExpressionSyntax Sum, LambdaExpressionSyntax Lambda, ExpressionSyntax Exponent);

/// <summary><c>Exp(a) / Sum(v => Exp(x))</c>: a softmax written out.</summary>
internal sealed record SoftmaxForm(BinaryExpressionSyntax Division, ExpressionSyntax NumeratorExponent, InvocationExpressionSyntax Sum, LambdaExpressionSyntax Lambda, ExpressionSyntax Exponent);

/// <summary><c>Log(Exp(a) / Sum(v => Exp(x)))</c>: the log of a softmax written out.</summary>
internal sealed record LogSoftmaxForm(InvocationExpressionSyntax Log, SoftmaxForm Softmax);

/// <summary>
/// The numerically fragile forms the stability lints report, matched on syntax alone. The
/// analyzer also checks that the calls bind to <c>LossGen.Dsl</c>; the code fixes, which act on
/// what the analyzer reported, rewrite exactly the parts matched here. Shared by both assemblies.
/// </summary>
internal static class StableForms
{
    public static ExpressionSyntax Strip(ExpressionSyntax e) =>
        e is ParenthesizedExpressionSyntax p ? Strip(p.Expression) : e;

    /// <summary>The called name, written <c>Exp(…)</c> or <c>Dsl.Exp(…)</c>.</summary>
    public static string? CalleeName(InvocationExpressionSyntax call) => call.Expression switch
    {
        IdentifierNameSyntax id => id.Identifier.Text,
        MemberAccessExpressionSyntax m => m.Name.Identifier.Text,
        _ => null,
    };

    /// <summary><paramref name="e"/> as a call of <paramref name="name"/> with one argument, and that argument.</summary>
    public static bool IsCall(ExpressionSyntax e, string name, out InvocationExpressionSyntax call, out ExpressionSyntax argument)
    {
        call = null!;
        argument = null!;
        if (Strip(e) is not InvocationExpressionSyntax c || CalleeName(c) != name || c.ArgumentList.Arguments.Count != 1) return false;
        call = c;
        argument = c.ArgumentList.Arguments[0].Expression;
        return true;
    }

    /// <summary><c>Sum(v => Exp(x))</c>: the sum, its lambda and x.</summary>
    public static bool IsSumOfExp(ExpressionSyntax e, out InvocationExpressionSyntax sum, out LambdaExpressionSyntax lambda, out ExpressionSyntax exponent)
    {
        lambda = null!;
        exponent = null!;
        if (!IsCall(e, "Sum", out sum, out var arg) || Strip(arg) is not LambdaExpressionSyntax l
            || l.Body is not ExpressionSyntax body || !IsCall(body, "Exp", out _, out var x))
            return false;
        lambda = l;
        exponent = x;
        return true;
    }

    public static LogSumExpForm? MatchLogSumExp(InvocationExpressionSyntax log) =>
        IsCall(log, "Log", out _, out var arg) && IsSumOfExp(arg, out var sum, out var lambda, out var x)
            ? new LogSumExpForm(log, sum, lambda, x)
            : null;

    public static SoftmaxForm? MatchSoftmax(BinaryExpressionSyntax division) =>
        division.IsKind(SyntaxKind.DivideExpression) && IsCall(division.Left, "Exp", out _, out var a)
        && IsSumOfExp(division.Right, out var sum, out var lambda, out var x)
            ? new SoftmaxForm(division, a, sum, lambda, x)
            : null;

    public static LogSoftmaxForm? MatchLogSoftmax(InvocationExpressionSyntax log) =>
        IsCall(log, "Log", out _, out var arg) && Strip(arg) is BinaryExpressionSyntax division && MatchSoftmax(division) is { } softmax
            ? new LogSoftmaxForm(log, softmax)
            : null;

    /// <summary>The lambda's parameters as written: <c>j</c> or <c>(j, k)</c>.</summary>
    public static string Parameters(LambdaExpressionSyntax lambda) => lambda switch
    {
        SimpleLambdaExpressionSyntax s => s.Parameter.Identifier.Text,
        ParenthesizedLambdaExpressionSyntax p => p.ParameterList.ToString(),
        _ => "…",
    };

    /// <summary>How many index variables the lambda binds (LogSumExp takes one or two).</summary>
    public static int Arity(LambdaExpressionSyntax lambda) =>
        lambda is ParenthesizedLambdaExpressionSyntax p ? p.ParameterList.Parameters.Count : 1;
}
