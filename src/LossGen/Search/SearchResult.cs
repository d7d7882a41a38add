using System.Collections.Generic;

namespace LossGen.Search;

/// <summary>The trials of a search, best first.</summary>
/// <remarks>
/// Order: higher score first; NaN scores (a diverged or failed configuration) last; equal scores
/// by the configuration's index. The order therefore depends only on the scores, never on which
/// thread finished first.
/// </remarks>
public sealed class SearchResult
{
    internal SearchResult(IReadOnlyList<SearchTrial> trials) => Trials = trials;

    /// <summary>Every trial, sorted best first.</summary>
    public IReadOnlyList<SearchTrial> Trials { get; }

    /// <summary>The trial with the highest score.</summary>
    public SearchTrial Best => Trials[0];
}
