using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using LossGen.Training;

namespace LossGen.Data;

/// <summary>
/// Loads LIBSVM / svmlight text — <c>label index:value index:value … # comment</c>, one example per
/// line, 1-based strictly increasing indices, absent indices meaning 0 — into a dense
/// <see cref="LinearDataset{T}"/>. Blank lines and lines that are only a comment are skipped; an
/// svmlight <c>qid:</c> token is ignored. The dense matrix is limited to
/// <see cref="LibSvmLoadOptions.MaxDenseValues"/> values (2^28 by default); a larger file is refused
/// with a <see cref="DataFormatException"/> rather than exhausting memory. Columns in errors are
/// 1-based character positions in the line.
/// </summary>
public static class LibSvmDatasetLoader
{
    /// <summary>Reads <paramref name="path"/> as <paramref name="options"/> say (the defaults when <see langword="null"/>).</summary>
    /// <typeparam name="T">The element type of the features.</typeparam>
    /// <param name="path">The file to read.</param>
    /// <param name="options">Feature count, size limit and class names.</param>
    /// <returns>The densified rows; feature names are the 1-based indices as text.</returns>
    /// <exception cref="DataFormatException">A malformed token, an index out of order or above the feature count, a non-finite value, no rows, fewer than two classes, or a matrix above the size limit.</exception>
    public static LoadedDataset<T> Load<T>(string path, LibSvmLoadOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new LibSvmLoadOptions();
        if (options.FeatureCount is <= 0)
        {
            throw new ArgumentException($"FeatureCount must be positive, but is {options.FeatureCount}.", nameof(options));
        }

        var labels = new ClassLabels();
        var rows = new List<(int Index, T Value)[]>();
        int maxIndex = 0;
        long lastLine = 0;
        using (var reader = new StreamReader(path))
        {
            var entries = new List<(int, T)>();
            string? text;
            while ((text = reader.ReadLine()) is not null)
            {
                long line = ++lastLine;
                ReadOnlySpan<char> content = text.AsSpan();
                int hash = content.IndexOf('#');
                if (hash >= 0)
                {
                    content = content[..hash];
                }

                entries.Clear();
                bool hasLabel = false;
                int previous = 0;
                int position = 0;
                while (NextToken(content, ref position, out int start, out ReadOnlySpan<char> token))
                {
                    int column = start + 1;
                    if (!hasLabel)
                    {
                        labels.Add(token.ToString(), line, column);
                        hasLabel = true;
                        continue;
                    }

                    int colon = token.IndexOf(':');
                    if (colon <= 0 || colon == token.Length - 1)
                    {
                        throw new DataFormatException(path, line, column, $"'{token}' is not index:value.");
                    }

                    if (token[..colon].SequenceEqual("qid"))
                    {
                        continue;
                    }

                    if (!int.TryParse(token[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index < 1)
                    {
                        throw new DataFormatException(path, line, column, $"Feature index '{token[..colon]}' is not a positive integer (indices are 1-based).");
                    }

                    if (index <= previous)
                    {
                        throw new DataFormatException(path, line, column, $"Feature index {index} follows {previous}; indices must be strictly increasing.");
                    }

                    if (index > options.FeatureCount)
                    {
                        throw new DataFormatException(path, line, column, $"Feature index {index} is above FeatureCount {options.FeatureCount}.");
                    }

                    previous = index;
                    entries.Add((index - 1, FeatureValue.Parse<T>(token[(colon + 1)..], path, line, column + colon + 1)));
                }

                if (hasLabel)
                {
                    maxIndex = Math.Max(maxIndex, previous);
                    rows.Add(entries.ToArray());
                }
            }
        }

        if (rows.Count == 0)
        {
            throw new DataFormatException(path, Math.Max(lastLine, 1), 1, "The file has no examples.");
        }

        int featureCount = options.FeatureCount ?? maxIndex;
        if (featureCount == 0)
        {
            throw new DataFormatException(path, 1, 1, "No example has a feature; give FeatureCount to load all-zero rows.");
        }

        long dense = (long)rows.Count * featureCount;
        if (dense > options.MaxDenseValues || dense > Array.MaxLength)
        {
            throw new DataFormatException(
                path, lastLine, 1,
                $"{rows.Count} rows × {featureCount} features = {dense} dense values, above the limit of {Math.Min(options.MaxDenseValues, Array.MaxLength)} (LibSvmLoadOptions.MaxDenseValues); this loader densifies.");
        }

        var features = new T[dense];
        for (int i = 0; i < rows.Count; i++)
        {
            foreach (var (index, value) in rows[i])
            {
                features[(long)i * featureCount + index] = value;
            }
        }

        var (labelIds, classNames) = labels.Resolve(path, options.ClassNames);
        string[] featureNames = Enumerable.Range(1, featureCount).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        return new LoadedDataset<T>(new LinearDataset<T>(features, labelIds, featureCount, classNames.Length), classNames, featureNames);
    }

    /// <summary>The next whitespace-separated token at or after <paramref name="position"/>.</summary>
    private static bool NextToken(ReadOnlySpan<char> text, ref int position, out int start, out ReadOnlySpan<char> token)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        start = position;
        while (position < text.Length && !char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        token = text[start..position];
        return !token.IsEmpty;
    }
}
