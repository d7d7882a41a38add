using System.Collections.Generic;
using LossGen.Data;
using LossGen.Training;

namespace DigitsSoftmax.Data;

/// <summary>The three splits after standardization, with what is needed to describe and save them.</summary>
public sealed record PreparedData(
    string SourceName,
    int RowCount,
    LinearDataset<float> Train,
    LinearDataset<float> Validation,
    LinearDataset<float> Test,
    Standardizer Standardizer,
    IReadOnlyList<string> ClassNames)
{
    public int FeatureCount => Train.FeatureCount;

    public int ClassCount => Train.ClassCount;
}
