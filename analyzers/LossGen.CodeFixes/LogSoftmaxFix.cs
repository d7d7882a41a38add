using System.Composition;
using LossGen.Analyzers.Lints;
using LossGen.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.CodeFixes;

/// <summary>
/// LG0303: <c>Log(Exp(a) / Sum(j => Exp(x)))</c> → <c>a - LogSumExp(j => x)</c>, the log-softmax
/// form: no exponential to overflow and no log of a probability that underflowed to 0.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LogSoftmaxFix)), Shared]
public sealed class LogSoftmaxFix : StableRewriteFix<InvocationExpressionSyntax>
{
    public const string FixTitle = "Write the log-softmax as x - LogSumExp(…)";

    protected override string Title => FixTitle;

    protected override string DiagnosticId => Descriptors.LogOfSoftmax.Id;

    protected override ExpressionSyntax? Rewrite(InvocationExpressionSyntax log)
    {
        // LogSumExp takes one or two index variables; a three-variable sum is reported but not rewritten.
        if (StableForms.MatchLogSoftmax(log) is not { } form || StableForms.Arity(form.Softmax.Lambda) > 2) return null;
        var softmax = form.Softmax;
        var lse = DslRewriting.Call(softmax.Sum, "LogSumExp", DslRewriting.WithBody(softmax.Lambda, softmax.Exponent));
        return DslRewriting.Minus(softmax.NumeratorExponent, lse);
    }
}
