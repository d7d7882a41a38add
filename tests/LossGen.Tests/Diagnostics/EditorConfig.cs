using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LossGen.Tests.Diagnostics;

/// <summary>
/// An .editorconfig applied the way the command-line compiler applies one: severities such as
/// <c>dotnet_diagnostic.LG0102.severity = none</c> go to the compilation's syntax-tree options
/// (that is where Roslyn filters diagnostics by severity), and the key/value pairs to the
/// analyzers' <see cref="AnalyzerConfigOptionsProvider"/>.
/// </summary>
internal sealed class EditorConfig(string text)
{
    private const string Directory = "/src/";

    public (Compilation Compilation, AnalyzerOptions Options) ApplyTo(Compilation compilation)
    {
        // Sections match by path, so the user's files are moved under the config's directory.
        foreach (var tree in compilation.SyntaxTrees.ToList())
            compilation = compilation.ReplaceSyntaxTree(tree, tree.WithFilePath(Directory + tree.FilePath));

        var set = AnalyzerConfigSet.Create(new[] { AnalyzerConfig.Parse(text, Directory + ".editorconfig") });
        var perTree = compilation.SyntaxTrees.ToDictionary(t => t, t => set.GetOptionsForSourcePath(t.FilePath));
        var global = set.GlobalConfigOptions;

        compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new TreeOptions(perTree, global)));
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new OptionsProvider(perTree, global));
        return (compilation, options);
    }

    private sealed class TreeOptions(Dictionary<SyntaxTree, AnalyzerConfigOptionsResult> perTree, AnalyzerConfigOptionsResult global)
        : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = default;
            return perTree.TryGetValue(tree, out var r) && r.TreeOptions.TryGetValue(diagnosticId, out severity);
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            global.TreeOptions.TryGetValue(diagnosticId, out severity);
    }

    private sealed class OptionsProvider(Dictionary<SyntaxTree, AnalyzerConfigOptionsResult> perTree, AnalyzerConfigOptionsResult global)
        : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global.AnalyzerOptions);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) =>
            new Options(perTree.TryGetValue(tree, out var r) ? r.AnalyzerOptions : ImmutableDictionary<string, string>.Empty);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(ImmutableDictionary<string, string>.Empty);
    }

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value);
    }
}
