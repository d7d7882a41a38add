using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace LossGen.Tests.Diagnostics;

/// <summary>
/// Source with expected diagnostic spans marked inline as <c>[|…|]</c>. The markers are not C#, so
/// they are stripped before compiling and the spans are computed on the stripped text.
/// </summary>
internal sealed record Markup(string Source, IReadOnlyList<TextSpan> Spans)
{
    public const string Open = "[|";
    public const string Close = "|]";

    public static Markup Parse(string text)
    {
        var source = new StringBuilder(text.Length);
        var spans = new List<TextSpan>();
        var start = -1;
        for (var n = 0; n < text.Length; n++)
        {
            if (string.CompareOrdinal(text, n, Open, 0, 2) == 0)
            {
                if (start >= 0) throw new FormatException("nested '[|' markers are not supported");
                start = source.Length;
                n++;
            }
            else if (string.CompareOrdinal(text, n, Close, 0, 2) == 0)
            {
                if (start < 0) throw new FormatException("'|]' without '[|'");
                spans.Add(TextSpan.FromBounds(start, source.Length));
                start = -1;
                n++;
            }
            else
            {
                source.Append(text[n]);
            }
        }
        if (start >= 0) throw new FormatException("'[|' without '|]'");
        return new Markup(source.ToString(), spans);
    }
}
