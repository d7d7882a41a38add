using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace LossGen.Tests.Diagnostics;

/// <summary>
/// One file of Diagnostics/Corpus: a declaration that must fail with one diagnostic ID, named
/// in its first line (<c>// LG0102: why</c>), at every span marked <c>[|…|]</c>. A line
/// <c>// message: …</c> pins the exact message too, where its wording is the point of the case.
/// </summary>
internal sealed record CorpusCase(string Name, string Id, Markup Markup, string? Message)
{
    private static readonly Regex Header = new(@"^// (LG\d{4}):", RegexOptions.CultureInvariant);
    private static readonly Regex MessageLine = new(@"^// message: (.*)$", RegexOptions.CultureInvariant | RegexOptions.Multiline);

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Diagnostics", "Corpus");

    public static IEnumerable<string> Names() =>
        System.IO.Directory.GetFiles(Directory, "*.cs.txt").Select(f => Path.GetFileName(f)[..^".cs.txt".Length]).OrderBy(n => n, StringComparer.Ordinal);

    public static CorpusCase Load(string name)
    {
        var text = File.ReadAllText(Path.Combine(Directory, name + ".cs.txt")).Replace("\r\n", "\n");
        var match = Header.Match(text);
        if (!match.Success) throw new FormatException($"{name}: the first line must be '// LGxxxx: what is wrong'");
        var id = match.Groups[1].Value;
        if (!name.StartsWith(id + "_", StringComparison.Ordinal))
            throw new FormatException($"{name}: the file name must start with its ID {id}");
        var message = MessageLine.Match(text) is { Success: true } m ? m.Groups[1].Value.TrimEnd() : null;
        return new CorpusCase(name, id, Markup.Parse(text), message);
    }
}
