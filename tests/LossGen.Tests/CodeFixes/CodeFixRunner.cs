extern alias AnalyzerAssembly;

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LossGen.Tests.Diagnostics;
using LossGen.Tests.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Shouldly;

namespace LossGen.Tests.CodeFixes;

/// <summary>
/// Applies a code fix the way an IDE does, without the Roslyn testing packages: the source goes
/// into a project of an <see cref="AdhocWorkspace"/> (with the LossGen runtime referenced), the
/// real analyzer runs on it through <see cref="CompilationWithAnalyzers"/>, the provider is asked
/// for its actions on the diagnostic at the marked span, and the chosen action's changes are
/// applied. Reusable for any LossGen fix: give it the markup, the ID and the provider.
/// </summary>
internal static class CodeFixRunner
{
    /// <summary>
    /// The actions <paramref name="provider"/> offers for the <paramref name="id"/> diagnostic at
    /// the span marked <c>[|…|]</c> in <paramref name="markup"/>, which must be reported exactly there.
    /// </summary>
    public static (Document Document, IReadOnlyList<CodeAction> Actions) Offered(string markup, string id, CodeFixProvider provider)
    {
        var marked = Markup.Parse(markup);
        marked.Spans.Count.ShouldBe(1, "mark the one diagnostic to fix with [|…|]");
        provider.FixableDiagnosticIds.ShouldContain(id);

        var document = Document(marked.Source);
        var diagnostic = Analyze(document).Where(d => d.Id == id).ShouldHaveSingleItem($"one {id} expected");
        diagnostic.Location.SourceSpan.ShouldBe(marked.Spans[0], $"{id} is reported at '{marked.Source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length)}'");

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        provider.RegisterCodeFixesAsync(context).GetAwaiter().GetResult();
        return (document, actions);
    }

    /// <summary>The source after applying the one action offered (or the one titled <paramref name="title"/>).</summary>
    public static string Apply(string markup, string id, CodeFixProvider provider, string? title = null)
    {
        var (document, actions) = Offered(markup, id, provider);
        var action = title is null ? actions.ShouldHaveSingleItem("one fix expected") : actions.Single(a => a.Title == title);
        var operations = action.GetOperationsAsync(CancellationToken.None).GetAwaiter().GetResult();
        var changed = operations.OfType<ApplyChangesOperation>().ShouldHaveSingleItem().ChangedSolution;
        return changed.GetDocument(document.Id)!.GetTextAsync().GetAwaiter().GetResult().ToString();
    }

    /// <summary>A one-document C# project referencing the LossGen runtime, as a user's project would.</summary>
    public static Document Document(string source)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "UserCode", "UserCode", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: GeneratorHarness.ParseOptions,
            metadataReferences: GeneratorHarness.MetadataReferences));
        return workspace.AddDocument(project.Id, "User0.cs", SourceText.From(source));
    }

    /// <summary>The LossGen analyzer's diagnostics on the document, in source order.</summary>
    public static ImmutableArray<Diagnostic> Analyze(Document document)
    {
        var compilation = document.Project.GetCompilationAsync().GetAwaiter().GetResult()!;
        return compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new AnalyzerAssembly::LossGen.Analyzers.LossGenAnalyzer()))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult()
            .OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }
}
