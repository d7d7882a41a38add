using System;

namespace LossGen.Data;

/// <summary>
/// A data file that cannot be loaded as it is written: a value that is not a number, a non-finite
/// feature, a missing or extra column, an index out of order. The message and the properties name
/// the file, the line and the column, all 1-based, so the user can open the file at the spot.
/// </summary>
public sealed class DataFormatException : FormatException
{
    /// <summary>Creates the exception; <paramref name="message"/> is prefixed with <c>path:line:column: </c>.</summary>
    /// <param name="filePath">The file being read.</param>
    /// <param name="line">1-based line number in the file.</param>
    /// <param name="column">1-based column: the field number in CSV, the character position in LIBSVM text.</param>
    /// <param name="message">What is wrong, without the position.</param>
    public DataFormatException(string filePath, long line, int column, string message)
        : base($"{filePath}:{line}:{column}: {message}")
    {
        FilePath = filePath;
        Line = line;
        Column = column;
    }

    /// <summary>The file being read.</summary>
    public string FilePath { get; }

    /// <summary>1-based line number of the bad value.</summary>
    public long Line { get; }

    /// <summary>1-based column of the bad value (field number in CSV, character position in LIBSVM text).</summary>
    public int Column { get; }
}
