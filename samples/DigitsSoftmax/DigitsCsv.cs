using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace DigitsSoftmax;

/// <summary>
/// Reads the UCI optical digits CSV (64 pixel counts 0..16 and a label 0..9 per line, no header;
/// see Data/README.md). Pixels are scaled by 1/16 into [0, 1] so that one learning rate suits every
/// feature and the regularizer weighs all weights alike.
/// </summary>
public static class DigitsCsv
{
    public const int PixelCount = 64;
    public const int ClassCount = 10;
    public const int MaxPixel = 16;

    // Matches the LogicalName in DigitsSoftmax.csproj.
    private const string ResourceName = "DigitsSoftmax.digits.csv";

    /// <summary>Loads the copy compiled into this assembly.</summary>
    /// <exception cref="InvalidDataException">The resource is missing or malformed.</exception>
    public static Dataset LoadEmbedded()
    {
        using Stream stream = typeof(DigitsCsv).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidDataException(
                $"The embedded resource '{ResourceName}' is missing; check the EmbeddedResource item in DigitsSoftmax.csproj.");
        using var reader = new StreamReader(stream);
        return Parse(reader, "digits.csv (embedded)");
    }

    /// <summary>Parses the CSV; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">A line is malformed; the message names the line and column.</exception>
    public static Dataset Parse(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var features = new List<float>();
        var labels = new List<int>();
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            string[] fields = line.Split(',');
            if (fields.Length != PixelCount + 1)
            {
                throw Error(source, lineNumber,
                    $"expected {PixelCount + 1} comma-separated values ({PixelCount} pixels, then the label), found {fields.Length}");
            }

            for (int k = 0; k < PixelCount; k++)
            {
                int pixel = ParseInt(fields[k], source, lineNumber, k + 1);
                if (pixel is < 0 or > MaxPixel)
                {
                    throw Error(source, lineNumber, $"column {k + 1}: pixel count {pixel} is outside 0..{MaxPixel}");
                }

                features.Add(pixel / (float)MaxPixel);
            }

            int label = ParseInt(fields[PixelCount], source, lineNumber, PixelCount + 1);
            if (label is < 0 or >= ClassCount)
            {
                throw Error(source, lineNumber, $"column {PixelCount + 1}: label {label} is outside 0..{ClassCount - 1}");
            }

            labels.Add(label);
        }

        if (labels.Count == 0)
        {
            throw new InvalidDataException($"{source}: no rows.");
        }

        return new Dataset(features.ToArray(), labels.ToArray(), PixelCount, ClassCount);
    }

    private static int ParseInt(string text, string source, int lineNumber, int column)
    {
        // A sign is accepted so that a negative value gets the range message, which says what is allowed.
        const NumberStyles Style = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign;
        if (!int.TryParse(text, Style, CultureInfo.InvariantCulture, out int value))
        {
            throw Error(source, lineNumber, $"column {column}: '{text}' is not an integer");
        }

        return value;
    }

    private static InvalidDataException Error(string source, int lineNumber, string what) =>
        new($"{source}, line {lineNumber}: {what}.");
}
