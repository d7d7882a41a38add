using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using LossGen.Analyzers.Lints;
using LossGen.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.CodeFixes;

/// <summary>LG0301: <c>Log(Sum(j => Exp(x)))</c> → <c>LogSumExp(j => x)</c>.</summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(LogSumExpFix)), Shared]
public sealed class LogSumExpFix : CodeFixProvider
{
    public const string Title = "Use LogSumExp";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.UnshiftedLogSumExp.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax log
                || StableForms.MatchLogSumExp(log) is not { } form
                // LogSumExp takes one or two index variables; a three-variable sum is reported but not rewritten.
                || StableForms.Arity(form.Lambda) > 2)
                continue;
            var replacement = DslRewriting.Call(form.Sum, "LogSumExp", DslRewriting.WithBody(form.Lambda, form.Exponent));
            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => DslRewriting.ReplaceAsync(context.Document, log, replacement, ct), equivalenceKey: Title),
                diagnostic);
        }
    }
}
