namespace DigitsSoftmax.Data;

/// <summary>The file formats <c>--data</c> accepts; <see cref="Auto"/> decides by the file name.</summary>
public enum DataFormat
{
    Auto,
    Csv,
    LibSvm,
    Idx,
}
