using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using LossGen.Training;
using nietras.SeparatedValues;

namespace LossGen.Data;

/// <summary>
/// Loads a delimited text file (CSV, TSV, …) into a <see cref="LinearDataset{T}"/>: one row per
/// line, one label column, every other column a feature. Splitting into fields (quotes, escapes,
/// line endings) is done by the Sep library; numbers are parsed in the invariant culture and must be
/// finite. Errors are <see cref="DataFormatException"/>s naming file, line and column (the 1-based
/// field number).
/// </summary>
public static class CsvDatasetLoader
{
    /// <summary>Reads <paramref name="path"/> as <paramref name="options"/> say (the defaults when <see langword="null"/>).</summary>
    /// <typeparam name="T">The element type of the features.</typeparam>
    /// <param name="path">The file to read.</param>
    /// <param name="options">Header, separator, label column and class names.</param>
    /// <returns>The rows with class and feature names.</returns>
    /// <exception cref="DataFormatException">A value is not a finite number, a row has the wrong number of fields, the file has no data rows or fewer than two classes.</exception>
    /// <exception cref="ArgumentException">The options name a label column that does not exist or set it twice.</exception>
    public static LoadedDataset<T> Load<T>(string path, CsvLoadOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options = Checked(options);
        using SepReader reader = ReaderFor(options).FromFile(path);
        return Read<T>(reader, path, options);
    }

    /// <summary>
    /// Reads CSV text from <paramref name="text"/>, for data that is not a file, such as an
    /// embedded resource; <paramref name="sourceName"/> stands in for the path in error messages.
    /// </summary>
    /// <typeparam name="T">The element type of the features.</typeparam>
    /// <param name="text">The CSV text; read to its end, not disposed.</param>
    /// <param name="sourceName">What to call the text in a <see cref="DataFormatException"/>.</param>
    /// <param name="options">Header, separator, label column and class names.</param>
    /// <returns>The rows with class and feature names.</returns>
    /// <exception cref="DataFormatException">As for <see cref="Load{T}(string, CsvLoadOptions?)"/>.</exception>
    /// <exception cref="ArgumentException">As for <see cref="Load{T}(string, CsvLoadOptions?)"/>.</exception>
    public static LoadedDataset<T> Load<T>(TextReader text, string sourceName, CsvLoadOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        options = Checked(options);
        using SepReader reader = ReaderFor(options).From(text);
        return Read<T>(reader, sourceName, options);
    }

    private static CsvLoadOptions Checked(CsvLoadOptions? options)
    {
        options ??= new CsvLoadOptions();
        if (options.LabelColumnIndex is not null && options.LabelColumnName is not null)
        {
            throw new ArgumentException("Set LabelColumnIndex or LabelColumnName, not both.", nameof(options));
        }

        if (options.LabelColumnName is not null && !options.HasHeader)
        {
            throw new ArgumentException($"LabelColumnName '{options.LabelColumnName}' needs a header (HasHeader is false).", nameof(options));
        }

        return options;
    }

    private static SepReaderOptions ReaderFor(CsvLoadOptions options) =>
        Sep.New(options.Separator).Reader(o => o with { HasHeader = options.HasHeader, DisableColCountCheck = true, Unescape = true });

    private static LoadedDataset<T> Read<T>(SepReader reader, string path, CsvLoadOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        IReadOnlyList<string> header = options.HasHeader ? reader.Header.ColNames : Array.Empty<string>();
        int columnCount = header.Count;
        int labelColumn = -1;
        var features = new List<T>();
        var labels = new ClassLabels();
        foreach (SepReader.Row row in reader)
        {
            // Sep 0.18 reports line 2 for the first row of a file without a header; that row
            // starts on line 1 by definition.
            long line = !options.HasHeader && row.RowIndex == 0 ? 1 : row.LineNumberFrom;
            if (columnCount == 0)
            {
                columnCount = row.ColCount;
            }

            if (labelColumn < 0)
            {
                labelColumn = ResolveLabelColumn(options, header, columnCount, path);
            }

            if (row.ColCount != columnCount)
            {
                throw new DataFormatException(
                    path, line, Math.Min(row.ColCount, columnCount) + 1, $"The row has {row.ColCount} fields; the file's rows have {columnCount}.");
            }

            for (int c = 0; c < columnCount; c++)
            {
                if (c == labelColumn)
                {
                    labels.Add(row[c].ToString().Trim(), line, c + 1);
                }
                else
                {
                    features.Add(FeatureValue.Parse<T>(row[c].Span, path, line, c + 1));
                }
            }
        }

        if (labels.Count == 0)
        {
            throw new DataFormatException(path, options.HasHeader ? 2 : 1, 1, "The file has no data rows.");
        }

        int featureCount = columnCount - 1;
        if (featureCount == 0)
        {
            throw new DataFormatException(path, 1, 1, "The file has only a label column and no features.");
        }

        var (labelIds, classNames) = labels.Resolve(path, options.ClassNames);
        string[] featureNames = Enumerable.Range(0, columnCount)
            .Where(c => c != labelColumn)
            .Select(c => header.Count > 0 ? header[c] : (c + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        var data = new LinearDataset<T>(features.ToArray(), labelIds, featureCount, classNames.Length);
        return new LoadedDataset<T>(data, classNames, featureNames);
    }

    private static int ResolveLabelColumn(CsvLoadOptions options, IReadOnlyList<string> header, int columnCount, string path)
    {
        if (options.LabelColumnName is { } name)
        {
            int found = -1;
            for (int c = 0; c < header.Count; c++)
            {
                if (header[c] == name)
                {
                    found = c;
                    break;
                }
            }

            return found >= 0
                ? found
                : throw new ArgumentException($"{path}: no column named '{name}' in the header ({string.Join(", ", header)}).", nameof(options));
        }

        int index = options.LabelColumnIndex ?? columnCount - 1;
        return index >= 0 && index < columnCount
            ? index
            : throw new ArgumentException($"{path}: LabelColumnIndex {index} is outside the file's {columnCount} columns [0, {columnCount}).", nameof(options));
    }
}
