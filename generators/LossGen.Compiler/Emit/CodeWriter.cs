using System.Text;

namespace LossGen.Compiler.Emit;

/// <summary>An indenting text writer: generated code is read by people, so it is laid out like hand-written code.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder text = new();
    private int depth;

    public CodeWriter Line(string line = "")
    {
        if (line.Length == 0) text.Append('\n');
        else text.Append(' ', depth * 4).Append(line).Append('\n');
        return this;
    }

    public CodeWriter Open(string header)
    {
        if (header.Length > 0) Line(header);
        Line("{");
        depth++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        depth--;
        return Line("}" + suffix);
    }

    public override string ToString() => text.ToString();
}
