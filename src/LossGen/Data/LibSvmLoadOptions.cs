using System.Collections.Generic;

namespace LossGen.Data;

/// <summary>How <see cref="LibSvmDatasetLoader"/> reads a file.</summary>
public sealed record LibSvmLoadOptions
{
    /// <summary>The default <see cref="MaxDenseValues"/>: 2^28 values (1 GiB of float, 2 GiB of double).</summary>
    public const long DefaultMaxDenseValues = 1L << 28;

    /// <summary>
    /// The number of features. When <see langword="null"/> it is the largest index in the file; set it so a
    /// test file with fewer columns lines up with its training file. An index above it is an error.
    /// </summary>
    public int? FeatureCount { get; init; }

    /// <summary>
    /// The largest densified matrix (rows × features) the loader builds; above it the load fails with a
    /// <see cref="DataFormatException"/> before allocating (default <see cref="DefaultMaxDenseValues"/>).
    /// </summary>
    public long MaxDenseValues { get; init; } = DefaultMaxDenseValues;

    /// <summary>The classes in label order, as in <see cref="CsvLoadOptions.ClassNames"/>.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }
}
