using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.Compiler.Parse;

/// <summary>
/// Which part of a partial struct is the declaration: the one carrying the first application of
/// the attribute. Other parts (helpers in another file) are not declarations, and the attribute
/// repeated on a second part (C#'s own error CS0579) must not produce a second generated file
/// with the same name, which would make the generator throw.
/// </summary>
internal static class DeclaringPart
{
    public static bool Is(TypeDeclarationSyntax syntax, INamedTypeSymbol type, string attributeMetadataName)
    {
        var first = type.GetAttributes()
            .FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == attributeMetadataName)?.ApplicationSyntaxReference;
        return first is not null && first.SyntaxTree == syntax.SyntaxTree && syntax.Span.Contains(first.Span);
    }
}
