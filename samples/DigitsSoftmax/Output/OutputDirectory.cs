using System.IO;

namespace DigitsSoftmax.Output;

/// <summary>The --out folder, created on first use; every file the tool writes goes there.</summary>
public sealed class OutputDirectory(string path)
{
    public const string DefaultPath = "lossgen-out";

    public string FullPath { get; } = Path.GetFullPath(path);

    public string File(string name)
    {
        Directory.CreateDirectory(FullPath);
        return Path.Combine(FullPath, name);
    }
}
