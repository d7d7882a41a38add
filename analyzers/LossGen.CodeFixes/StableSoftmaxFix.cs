using System.Composition;
using LossGen.Analyzers.Lints;
using LossGen.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.CodeFixes;

/// <summary>
/// LG0302: <c>Exp(a) / Sum(j => Exp(x))</c> → <c>Exp(a - LogSumExp(j => x))</c>. The same
/// number, but the exponent is at most 0 when a is one of the x (as in a softmax), and the
/// log-sum-exp is max-shifted, so nothing overflows.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StableSoftmaxFix)), Shared]
public sealed class StableSoftmaxFix : StableRewriteFix<BinaryExpressionSyntax>
{
    public const string FixTitle = "Write the softmax as Exp(x - LogSumExp(…))";

    protected override string Title => FixTitle;

    protected override string DiagnosticId => Descriptors.NaiveSoftmax.Id;

    protected override ExpressionSyntax? Rewrite(BinaryExpressionSyntax division)
    {
        if (StableForms.MatchSoftmax(division) is not { } form || StableForms.Arity(form.Lambda) > 2) return null;
        var numerator = (InvocationExpressionSyntax)StableForms.Strip(division.Left);
        var lse = DslRewriting.Call(form.Sum, "LogSumExp", DslRewriting.WithBody(form.Lambda, form.Exponent));
        return DslRewriting.Call(numerator, "Exp", DslRewriting.Minus(form.NumeratorExponent, lse));
    }
}
