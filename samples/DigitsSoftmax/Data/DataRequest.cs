namespace DigitsSoftmax.Data;

/// <summary>Where the data comes from: <see cref="Path"/> null means the embedded digits.</summary>
public sealed record DataRequest(string? Path, DataFormat Format, string? LabelsPath);
