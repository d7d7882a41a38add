using System.Collections.Generic;

namespace LossGen.Data;

/// <summary>How <see cref="CsvDatasetLoader"/> reads a file. The defaults read a comma-separated file with a header and the label in the last column.</summary>
public sealed record CsvLoadOptions
{
    /// <summary>Whether the first line names the columns (default <see langword="true"/>).</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>The field separator (default <c>','</c>). Quoted fields follow RFC 4180.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>
    /// 0-based index of the label column. When neither this nor <see cref="LabelColumnName"/> is set,
    /// the last column is the label. Setting both is an error.
    /// </summary>
    public int? LabelColumnIndex { get; init; }

    /// <summary>Header name of the label column (exact, case-sensitive); needs <see cref="HasHeader"/>.</summary>
    public string? LabelColumnName { get; init; }

    /// <summary>
    /// The classes in label order. When given, every label must be one of them and label <c>i</c> is
    /// <c>ClassNames[i]</c> (use it so a test file maps like its training file); when <see langword="null"/>,
    /// the distinct labels are sorted (numerically if all are numbers) and numbered from 0.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }
}
