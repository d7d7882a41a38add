using System;
using System.IO;

namespace DigitsSoftmax.Data;

/// <summary>Picks a format from a file name, the way the public data sets are usually named.</summary>
public static class DataFormatDetection
{
    public static DataFormat Detect(string path)
    {
        string name = Path.GetFileName(path).ToLowerInvariant();
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            name = name[..^3];
        }

        // MNIST's own names (train-images-idx3-ubyte) have no extension; the magic is in the name.
        if (name.Contains("idx3", StringComparison.Ordinal) || name.EndsWith(".idx", StringComparison.Ordinal))
        {
            return DataFormat.Idx;
        }

        string extension = Path.GetExtension(name);
        return extension switch
        {
            ".csv" or ".tsv" => DataFormat.Csv,
            ".libsvm" or ".svm" or ".svmlight" or ".txt" or ".t" or ".scale" => DataFormat.LibSvm,
            _ => throw new ArgumentException($"Cannot tell the format of '{path}' from its name; pass --format csv, libsvm or idx."),
        };
    }
}
