using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LossGen.Compiler.Model;

/// <summary>
/// Where a diagnostic points, as plain values: a <see cref="Location"/> holds a syntax tree and
/// would break the incremental pipeline's caching, so models carry this instead and the
/// location is rebuilt only when the diagnostic is reported.
/// </summary>
internal readonly record struct SourceSpan(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static SourceSpan From(SyntaxNode node) => From(node.GetLocation());

    public static SourceSpan From(SyntaxToken token) => From(token.GetLocation());

    public static SourceSpan From(Location location)
    {
        var line = location.GetLineSpan();
        return new SourceSpan(line.Path ?? "", location.SourceSpan, line.Span);
    }

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
