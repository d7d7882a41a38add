using System;
using System.IO;

namespace LossGen.Tests.Data;

/// <summary>A temporary folder for the files a loader test writes; removed on dispose.</summary>
internal sealed class TempFiles : IDisposable
{
    public TempFiles() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "lossgen-data-" + Guid.NewGuid().ToString("N"));

    public string Write(string name, string text)
    {
        string path = Path.Combine(Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    public string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(Root, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
