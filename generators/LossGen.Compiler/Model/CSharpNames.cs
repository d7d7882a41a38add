using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LossGen.Compiler.Model;

/// <summary>
/// User names as C# spells them in generated code. The models hold these spellings, not the
/// symbols' bare names: a parameter the user wrote as <c>@float</c> is named <c>@float</c> in
/// the model, so every emitter that prints a name prints a legal identifier without knowing about
/// keywords, and diagnostics show the name as it was written.
/// </summary>
internal static class CSharpNames
{
    /// <summary>Namespaces and containing types with every keyword segment escaped (<c>Outer.@event</c>).</summary>
    public static readonly SymbolDisplayFormat QualifiedFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary>A containing type by its own name and type parameters, keywords escaped (<c>@class&lt;T&gt;</c>).</summary>
    public static readonly SymbolDisplayFormat ContainingTypeFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameOnly,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary>
    /// The identifier as generated code must write it: verbatim (<c>@</c>) when it is a keyword or
    /// a contextual keyword. Escaping a contextual keyword is never needed by C# where a parameter
    /// name can stand, but always legal, so one rule covers every position the name is printed in.
    /// </summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;

    /// <summary>The symbol's name as generated code writes it.</summary>
    public static string CSharpName(this ISymbol symbol) => Escape(symbol.Name);

    /// <summary>The bare name behind a spelling: what <c>nameof</c> gives, and the stem of derived names (<c>@float</c> → <c>float</c>).</summary>
    public static string Bare(string spelling) => spelling.StartsWith("@") ? spelling.Substring(1) : spelling;
}
