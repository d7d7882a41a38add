using System;
using System.IO;
using System.Linq;
using LossGen.Data;

namespace DigitsSoftmax.Data;

/// <summary>
/// The UCI optical digits compiled into the sample (64 pixel counts 0..16, then the label; no
/// header; see Data/README.md), read by LossGen's CSV loader.
/// </summary>
public static class EmbeddedDigits
{
    public const string SourceName = "digits.csv (embedded)";

    /// <summary>The largest pixel count; dividing by it puts every feature in [0, 1].</summary>
    public const double MaxPixel = 16;

    // Matches the LogicalName in DigitsSoftmax.csproj.
    private const string ResourceName = "DigitsSoftmax.digits.csv";

    public static LoadedDataset<float> Load()
    {
        using Stream stream = typeof(EmbeddedDigits).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidDataException(
                $"The embedded resource '{ResourceName}' is missing; check the EmbeddedResource item in DigitsSoftmax.csproj.");
        using var reader = new StreamReader(stream);
        return CsvDatasetLoader.Load<float>(reader, SourceName, new CsvLoadOptions { HasHeader = false });
    }

    /// <summary>
    /// Pixel / 16 as a fixed standardization (mean 0, scale 16), rather than one fitted on the
    /// training rows: the pixels share one unit already, so one learning rate suits them all, and
    /// the saved model carries the scaling so it predicts from raw pixel counts.
    /// </summary>
    public static Standardizer PixelScaling(int featureCount) =>
        new(new double[featureCount], Enumerable.Repeat(MaxPixel, featureCount).ToArray());
}
