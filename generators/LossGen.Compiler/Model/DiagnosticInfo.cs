using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LossGen.Compiler.Model;

/// <summary>A diagnostic as data: the descriptor's id, where it points, and its message arguments.</summary>
internal sealed record DiagnosticInfo(string Id, SourceSpan Span, EquatableArray<string> Arguments)
{
    /// <summary>
    /// What a code fix needs to know that the message does not say (the diagnostic's Properties),
    /// as name/value pairs: LG0105 says which operand a transpose or keepDims would fix.
    /// </summary>
    public EquatableArray<KeyValuePair<string, string>> Properties { get; init; } = EquatableArray<KeyValuePair<string, string>>.Empty;

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceSpan span, params string[] arguments) =>
        new(descriptor.Id, span, EquatableArray.Of(arguments));

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Diagnostics.Descriptors.ById(Id), Span.ToLocation(), PropertyMap(), Arguments.Cast<object>().ToArray());

    /// <summary>
    /// The diagnostic at a location inside <paramref name="tree"/> when the span is in it. Only an
    /// in-source location is subject to #pragma, .editorconfig severities and [SuppressMessage];
    /// a location rebuilt from a path alone is an external one, which none of them reach.
    /// </summary>
    public Diagnostic ToDiagnostic(SyntaxTree tree) =>
        Span.FilePath == tree.FilePath && Span.Span.End <= tree.Length
            ? Diagnostic.Create(Diagnostics.Descriptors.ById(Id), Location.Create(tree, Span.Span), PropertyMap(), Arguments.Cast<object>().ToArray())
            : ToDiagnostic();

    private ImmutableDictionary<string, string?> PropertyMap() =>
        Properties.Aggregate(ImmutableDictionary<string, string?>.Empty, (map, p) => map.SetItem(p.Key, p.Value));
}
