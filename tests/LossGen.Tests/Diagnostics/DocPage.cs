using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace LossGen.Tests.Diagnostics;

/// <summary>
/// A page of docs/diagnostics, read by its sections: the code block under "## Wrong" and under
/// "## Fixed", and under "## Message" the message format followed by an example message.
/// </summary>
internal sealed record DocPage(string Id, string Title, IReadOnlyDictionary<string, IReadOnlyList<string>> Blocks)
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Docs");

    private static readonly Regex Heading = new(@"^# (LG\d{4}): (.+)$", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex Section = new(@"^## (.+)$", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex Fence = new(@"^```[a-z]*\n(.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.CultureInvariant);

    public string? Wrong => Block("Wrong", 0);
    public string? Fixed => Block("Fixed", 0);
    public string? MessageFormat => Block("Message", 0);
    public string? ExampleMessage => Block("Message", 1);

    public static DocPage Load(string id)
    {
        var text = File.ReadAllText(Path.Combine(Directory, id + ".md")).Replace("\r\n", "\n");
        var heading = Heading.Match(text);
        if (!heading.Success || heading.Groups[1].Value != id) throw new FormatException($"{id}.md must start with '# {id}: title'");

        var blocks = new Dictionary<string, IReadOnlyList<string>>();
        var sections = Section.Matches(text).ToList();
        for (var n = 0; n < sections.Count; n++)
        {
            var start = sections[n].Index + sections[n].Length;
            var end = n + 1 < sections.Count ? sections[n + 1].Index : text.Length;
            blocks[sections[n].Groups[1].Value.Trim()] =
                Fence.Matches(text[start..end]).Select(m => m.Groups[1].Value.TrimEnd('\n')).ToList();
        }
        return new DocPage(id, heading.Groups[2].Value.Trim(), blocks);
    }

    private string? Block(string section, int index) =>
        Blocks.TryGetValue(section, out var list) && list.Count > index ? list[index] : null;
}
