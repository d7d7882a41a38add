using Microsoft.CodeAnalysis;

namespace LossGen.Compiler.Model;

/// <summary>A diagnostic as data: the descriptor's id, where it points, and its message arguments.</summary>
internal sealed record DiagnosticInfo(string Id, SourceSpan Span, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceSpan span, params string[] arguments) =>
        new(descriptor.Id, span, EquatableArray.Of(arguments));

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Diagnostics.Descriptors.ById(Id), Span.ToLocation(), Arguments.ToArray<object>());

    /// <summary>
    /// The diagnostic located in <paramref name="tree"/> when the span is in that file. A location
    /// rebuilt from a path alone is an "external" one: #pragma warning disable does not apply to it,
    /// and it has no syntax tree to attribute it to a declaration.
    /// </summary>
    public Diagnostic ToDiagnostic(SyntaxTree tree) =>
        tree.FilePath == Span.FilePath
            ? Diagnostic.Create(Diagnostics.Descriptors.ById(Id), Location.Create(tree, Span.Span), Arguments.ToArray<object>())
            : ToDiagnostic();
}

internal static class EquatableArrayObjectExtensions
{
    public static object[] ToArray<T>(this EquatableArray<string> items)
    {
        var result = new object[items.Count];
        for (var i = 0; i < result.Length; i++) result[i] = items[i];
        return result;
    }
}
