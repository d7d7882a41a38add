using System.Composition;
using LossGen.Analyzers.Lints;
using LossGen.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.CodeFixes;

/// <summary>LG0301: <c>Log(Sum(j => Exp(x)))</c> → <c>LogSumExp(j => x)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LogSumExpFix)), Shared]
public sealed class LogSumExpFix : StableRewriteFix<InvocationExpressionSyntax>
{
    public const string FixTitle = "Use LogSumExp";

    protected override string Title => FixTitle;

    protected override string DiagnosticId => Descriptors.UnshiftedLogSumExp.Id;

    protected override ExpressionSyntax? Rewrite(InvocationExpressionSyntax log)
    {
        // LogSumExp takes one or two index variables; a three-variable sum is reported but not rewritten.
        if (StableForms.MatchLogSumExp(log) is not { } form || StableForms.Arity(form.Lambda) > 2) return null;
        return DslRewriting.Call(form.Sum, "LogSumExp", DslRewriting.WithBody(form.Lambda, form.Exponent));
    }
}
