using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using LossGen.Analyzers.Lints;
using LossGen.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.CodeFixes;

/// <summary>
/// LG0303: <c>Log(Exp(a) / Sum(j => Exp(x)))</c> → <c>a - LogSumExp(j => x)</c>, the log-softmax
/// form: no exponential to overflow and no log of a probability that underflowed to 0.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LogSoftmaxFix)), Shared]
public sealed class LogSoftmaxFix : CodeFixProvider
{
    public const string Title = "Write the log-softmax as x - LogSumExp(…)";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.LogOfSoftmax.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax log
                || StableForms.MatchLogSoftmax(log) is not { } form
                || StableForms.Arity(form.Softmax.Lambda) > 2)
                continue;
            var softmax = form.Softmax;
            var lse = DslRewriting.Call(softmax.Sum, "LogSumExp", DslRewriting.WithBody(softmax.Lambda, softmax.Exponent));
            var replacement = DslRewriting.Minus(softmax.NumeratorExponent, lse);
            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => DslRewriting.ReplaceAsync(context.Document, log, replacement, ct), equivalenceKey: Title),
                diagnostic);
        }
    }
}
