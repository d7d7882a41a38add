using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace DigitsSoftmax.Tests;

/// <summary>An SVG file read as XML: parsing fails on a malformed file, and the texts are the legend and labels.</summary>
internal sealed class SvgFile
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public SvgFile(string path) => Document = XDocument.Load(path);

    public XDocument Document { get; }

    public bool IsSvg => Document.Root?.Name == Svg + "svg";

    public IReadOnlyList<string> Texts => Document.Descendants(Svg + "text").Select(t => t.Value.Trim()).ToArray();

    public int PathCount => Document.Descendants(Svg + "path").Count();
}
