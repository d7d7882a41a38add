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
/// LG0302: <c>Exp(a) / Sum(j => Exp(x))</c> → <c>Exp(a - LogSumExp(j => x))</c>. The same
/// number, but the exponent is at most 0 when a is one of the x (as in a softmax), and the
/// log-sum-exp is max-shifted, so nothing overflows.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StableSoftmaxFix)), Shared]
public sealed class StableSoftmaxFix : CodeFixProvider
{
    public const string Title = "Write the softmax as Exp(x - LogSumExp(…))";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.NaiveSoftmax.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not BinaryExpressionSyntax division
                || StableForms.MatchSoftmax(division) is not { } form
                || StableForms.Arity(form.Lambda) > 2)
                continue;
            var numerator = (InvocationExpressionSyntax)StableForms.Strip(division.Left);
            var lse = DslRewriting.Call(form.Sum, "LogSumExp", DslRewriting.WithBody(form.Lambda, form.Exponent));
            var replacement = DslRewriting.Call(numerator, "Exp", DslRewriting.Minus(form.NumeratorExponent, lse));
            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => DslRewriting.ReplaceAsync(context.Document, division, replacement, ct), equivalenceKey: Title),
                diagnostic);
        }
    }
}
