using System.Numerics;
using LossGen.Training;

namespace LossGen.Data;

/// <summary>The three disjoint parts of a data set returned by <see cref="DatasetSplitter.Split{T}"/>.</summary>
/// <typeparam name="T">The element type of the features.</typeparam>
/// <param name="Train">Rows to fit parameters (and the <see cref="Standardizer"/>) on.</param>
/// <param name="Validation">Rows to choose hyper-parameters and stop early on.</param>
/// <param name="Test">Rows scored once, at the end.</param>
public sealed record DatasetSplit<T>(LinearDataset<T> Train, LinearDataset<T> Validation, LinearDataset<T> Test)
    where T : unmanaged, IFloatingPointIeee754<T>;
