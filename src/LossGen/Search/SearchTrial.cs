using System.Collections.Generic;

namespace LossGen.Search;

/// <summary>One configuration's outcome in a search.</summary>
/// <param name="Index">Its position in the list of configurations given to the search (0-based).</param>
/// <param name="Parameters">The configuration.</param>
/// <param name="Score">The mean of <paramref name="FoldScores"/> (NaN if any fold gave NaN or the scorer threw).</param>
/// <param name="FoldScores">One score per fold (one entry for a validation split).</param>
/// <param name="Error">The scorer's exception message when it threw (a diverging configuration must not end the search), else null.</param>
public sealed record SearchTrial(int Index, HyperParameters Parameters, double Score, IReadOnlyList<double> FoldScores, string? Error);
