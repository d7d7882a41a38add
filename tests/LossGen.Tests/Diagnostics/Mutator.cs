using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LossGen.Tests.Diagnostics;

/// <summary>
/// Breaks valid declarations the way typing does: deletes, duplicates or replaces tokens, with a
/// seeded RNG so every failing case can be replayed from its seed. Replacements come from the
/// declarations' own tokens plus constructs the DSL rejects, so most mutants are near misses.
/// </summary>
internal sealed class Mutator
{
    private static readonly string[] Foreign =
    {
        "+ 1", "i", "j", "k", "y", "0", "2f", "-", "*", "%", "(", ")", "[", "]", ",", "=>", "?", ":", "==", "!=", ";", "{", "}",
        "System.Math.Exp", "MathF.Log", "Helper", "for", "if", "while", "=", "+=", "ref", "\"N\"", "\"\"", "null", "new", "var",
        "return", "Pow", "Sum", "Mean", "Max", "LogSumExp", "Tensor.Of", "Labels", "Tensor", "float", "double", "string",
        "static", "partial", "[Const]", "Shape", "default", "this", "x =>", "(i, j) =>", "i + j",
    };

    private readonly Random random;
    private readonly List<string> pool;

    public Mutator(int seed, IEnumerable<string> sources)
    {
        random = new Random(seed);
        pool = sources.SelectMany(s => CSharpSyntaxTree.ParseText(s).GetRoot().DescendantTokens().Select(t => t.Text))
            .Where(t => t.Length > 0).Distinct().Concat(Foreign).ToList();
    }

    /// <summary>One to three edits, each at a token of the struct body (where the DSL is).</summary>
    public string Mutate(string source)
    {
        var edits = 1 + random.Next(3);
        for (var n = 0; n < edits; n++) source = MutateOnce(source);
        return source;
    }

    private string MutateOnce(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source).GetRoot();
        var firstStruct = root.DescendantNodes().FirstOrDefault(n => n.IsKind(SyntaxKind.StructDeclaration));
        var tokens = root.DescendantTokens().Where(t => t.Span.Length > 0 && (firstStruct is null || t.SpanStart >= firstStruct.SpanStart)).ToList();
        if (tokens.Count == 0) return source;
        var token = tokens[random.Next(tokens.Count)];
        var text = new StringBuilder(source);
        switch (random.Next(3))
        {
            case 0:
                text.Remove(token.SpanStart, token.Span.Length);
                break;
            case 1:
                text.Insert(token.Span.End, " " + token.Text);
                break;
            default:
                text.Remove(token.SpanStart, token.Span.Length).Insert(token.SpanStart, pool[random.Next(pool.Count)]);
                break;
        }
        return text.ToString();
    }
}
