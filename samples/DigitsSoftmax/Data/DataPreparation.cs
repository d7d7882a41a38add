using System;
using System.IO;
using LossGen.Data;

namespace DigitsSoftmax.Data;

/// <summary>
/// Loads the requested data with LossGen's loaders, splits it 70/15/15 into train, validation and
/// test (stratified, seeded), and standardizes with statistics of the training split only, so
/// nothing about the validation or test rows leaks into training.
/// </summary>
public static class DataPreparation
{
    public const double TrainFraction = 0.7;
    public const double ValidationFraction = 0.15;
    public const double TestFraction = 0.15;

    public static PreparedData Prepare(DataRequest request, int seed)
    {
        ArgumentNullException.ThrowIfNull(request);
        (LoadedDataset<float> loaded, string source) = Load(request);
        DatasetSplit<float> split = DatasetSplitter.Split(
            loaded.Data, TrainFraction, ValidationFraction, TestFraction, unchecked((ulong)seed), stratified: true);
        Standardizer standardizer = request.Path is null
            ? EmbeddedDigits.PixelScaling(loaded.Data.FeatureCount)
            : Standardizer.Fit(split.Train);
        return new PreparedData(
            source,
            loaded.Data.Count,
            standardizer.Transform(split.Train),
            standardizer.Transform(split.Validation),
            standardizer.Transform(split.Test),
            standardizer,
            loaded.ClassNames);
    }

    private static (LoadedDataset<float>, string) Load(DataRequest request)
    {
        if (request.Path is not { } path)
        {
            return (EmbeddedDigits.Load(), EmbeddedDigits.SourceName);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The data file '{path}' does not exist.", path);
        }

        DataFormat format = request.Format == DataFormat.Auto ? DataFormatDetection.Detect(path) : request.Format;
        LoadedDataset<float> data = format switch
        {
            DataFormat.Csv => LoadCsv(path),
            DataFormat.LibSvm => LibSvmDatasetLoader.Load<float>(path),
            _ => MnistIdxLoader.Load<float>(path, request.LabelsPath ?? MnistLabelsBeside(path)),
        };
        return (data, $"{path} ({format.ToString().ToLowerInvariant()})");
    }

    private static LoadedDataset<float> LoadCsv(string path)
    {
        char separator = path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',';
        return CsvDatasetLoader.Load<float>(path, new CsvLoadOptions
        {
            Separator = separator,
            HasHeader = CsvHeaderDetection.HasHeader(path, separator),
        });
    }

    // MNIST ships images and labels as twin files: train-images-idx3-ubyte beside train-labels-idx1-ubyte.
    private static string MnistLabelsBeside(string imagesPath)
    {
        string name = Path.GetFileName(imagesPath).Replace("images-idx3", "labels-idx1", StringComparison.Ordinal);
        string labels = Path.Combine(Path.GetDirectoryName(imagesPath) ?? ".", name);
        return labels != imagesPath && File.Exists(labels)
            ? labels
            : throw new ArgumentException($"No labels file found beside '{imagesPath}'; pass --labels <path>.");
    }
}
