using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Diagnostics;
using LossGen.Compiler.Parse;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.Analyzers.Lints;

/// <summary>
/// LG0301–LG0303: exponentials summed without subtracting the maximum. The compiler's Stabilize
/// pass already evaluates <c>Log(Sum(Exp(x)))</c> and the log of a softmax max-shifted, but only
/// because it recognises those exact shapes; the source still reads as the overflowing formula,
/// and a naive softmax that is not under a log is computed as written and overflows to NaN for
/// scores above ~88 in float. Each is reported once, at the outermost form: a log of a softmax
/// is LG0303, not also LG0302 for the softmax inside it.
/// </summary>
internal static class StabilityLints
{
    public static IEnumerable<Diagnostic> Run(LintContext c)
    {
        var underLog = new HashSet<SyntaxNode>();
        foreach (var call in c.BodyNodes.OfType<InvocationExpressionSyntax>())
        {
            if (!c.IsDsl(call, "Log")) continue;
            if (StableForms.MatchLogSoftmax(call) is { } logSoftmax && IsDslSoftmax(c, logSoftmax.Softmax))
            {
                underLog.Add(logSoftmax.Softmax.Division);
                yield return LintContext.Create(Descriptors.LogOfSoftmax, call, DslSyntax.FirstLine(call));
            }
            else if (StableForms.MatchLogSumExp(call) is { } lse && c.IsDsl(lse.Sum, "Sum") && IsDslExp(c, lse.Lambda))
            {
                yield return LintContext.Create(Descriptors.UnshiftedLogSumExp, call, DslSyntax.FirstLine(call), StableForms.Parameters(lse.Lambda));
            }
        }
        foreach (var division in c.BodyNodes.OfType<BinaryExpressionSyntax>())
        {
            if (!division.IsKind(SyntaxKind.DivideExpression) || underLog.Contains(division)) continue;
            if (StableForms.MatchSoftmax(division) is { } softmax && IsDslSoftmax(c, softmax))
                yield return LintContext.Create(Descriptors.NaiveSoftmax, division, DslSyntax.FirstLine(division));
        }
    }

    private static bool IsDslSoftmax(LintContext c, SoftmaxForm s) =>
        StableForms.Strip(s.Division.Left) is InvocationExpressionSyntax numerator && c.IsDsl(numerator, "Exp")
        && c.IsDsl(s.Sum, "Sum") && IsDslExp(c, s.Lambda);

    private static bool IsDslExp(LintContext c, LambdaExpressionSyntax lambda) =>
        lambda.Body is ExpressionSyntax body && StableForms.Strip(body) is InvocationExpressionSyntax exp && c.IsDsl(exp, "Exp");
}
