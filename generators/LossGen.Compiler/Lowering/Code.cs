using System.Collections.Generic;
using System.Linq;
using System.Text;
using LossGen.Compiler.Model;

namespace LossGen.Compiler.Lowering;

/// <summary>A piece of a kernel expression: C# text, or a reference to a variable.</summary>
internal abstract record CodeToken;

/// <summary>Operators, punctuation, member names and literals: text that names no variable.</summary>
internal sealed record TextToken(string Text) : CodeToken;

/// <summary>A variable the expression reads: a kernel parameter, a scratch row, a loop variable or a local.</summary>
internal sealed record NameToken(string Name) : CodeToken;

/// <summary>
/// A kernel expression: what it reads is known from its tokens, so definitions and uses (the
/// parameters of an outlined method, for one) are computed on the IR rather than by scanning the
/// printed text. Built by interpolation (<see cref="CodeBuilding.C"/>): a hole is another
/// <see cref="Code"/> (a name is <see cref="CodeBuilding.Ref"/>, fixed text <see cref="CodeBuilding.Tx"/>)
/// or an int, never a bare string, so every name is marked as one where it enters.
/// Adjacent text is merged, so two expressions that print alike and read the same names are equal.
/// </summary>
internal sealed record Code(EquatableArray<CodeToken> Tokens)
{
    /// <summary>The variables the expression reads, in order of appearance.</summary>
    public IEnumerable<string> Names => Tokens.OfType<NameToken>().Select(t => t.Name);

    /// <summary>Whether the expression is one variable (reading it twice costs nothing).</summary>
    public bool IsName => Tokens.Count == 1 && Tokens[0] is NameToken;

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var t in Tokens) text.Append(t is NameToken n ? n.Name : ((TextToken)t).Text);
        return text.ToString();
    }

    public static Code Join(string separator, IEnumerable<Code> parts)
    {
        var b = new CodeBuilder(0, 0);
        var first = true;
        foreach (var p in parts)
        {
            if (!first) b.AppendLiteral(separator);
            b.AppendFormatted(p);
            first = false;
        }
        return b.ToCode();
    }
}

/// <summary>Builds a <see cref="Code"/> from an interpolated string (see <see cref="CodeBuilding.C"/>).</summary>
[System.Runtime.CompilerServices.InterpolatedStringHandler]
internal struct CodeBuilder
{
    private readonly List<CodeToken> tokens;

    public CodeBuilder(int literalLength, int formattedCount) => tokens = new List<CodeToken>();

    public void AppendLiteral(string text)
    {
        if (text.Length == 0) return;
        if (tokens.Count > 0 && tokens[tokens.Count - 1] is TextToken last) tokens[tokens.Count - 1] = new TextToken(last.Text + text);
        else tokens.Add(new TextToken(text));
    }

    public void AppendFormatted(Code code)
    {
        foreach (var t in code.Tokens)
        {
            if (t is TextToken text) AppendLiteral(text.Text);
            else tokens.Add(t);
        }
    }

    public void AppendFormatted(int value) => AppendLiteral(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Code ToCode() => new(tokens.ToEquatableArray());
}

/// <summary>The three ways into <see cref="Code"/>, imported with <c>using static</c>.</summary>
internal static class CodeBuilding
{
    /// <summary>An expression from an interpolated string whose holes are code or ints.</summary>
    public static Code C(CodeBuilder code) => code.ToCode();

    /// <summary>A reference to a variable.</summary>
    public static Code Ref(string name) => new(EquatableArray.Of<CodeToken>(new NameToken(name)));

    /// <summary>Text that names no variable: a member name, an operator, a literal, a type.</summary>
    public static Code Tx(string text) =>
        new(text.Length == 0 ? EquatableArray<CodeToken>.Empty : EquatableArray.Of<CodeToken>(new TextToken(text)));
}
