using System.Collections.Generic;
using System.Numerics;
using LossGen.Training;

namespace LossGen.Data;

/// <summary>
/// What a loader read: the labelled rows, the name of each class (label <c>i</c> of
/// <see cref="Data"/> is <c>ClassNames[i]</c>) and the name of each feature column.
/// </summary>
/// <typeparam name="T">The element type of the features.</typeparam>
/// <param name="Data">The rows, features as read (not standardized).</param>
/// <param name="ClassNames">One name per class, in label order.</param>
/// <param name="FeatureNames">One name per feature: the CSV header, or <c>"1"</c>, <c>"2"</c>, … (1-based positions) when the file has none.</param>
public sealed record LoadedDataset<T>(LinearDataset<T> Data, IReadOnlyList<string> ClassNames, IReadOnlyList<string> FeatureNames)
    where T : unmanaged, IFloatingPointIeee754<T>;
