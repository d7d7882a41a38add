using System;
using System.Threading;

namespace LossGen.Search;

/// <summary>Settings of <see cref="HyperParameterSearch.Run{T}"/>.</summary>
public sealed record SearchOptions
{
    /// <summary>How many configurations are trained at once; by default one per core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Stops the search between trials; trials already running finish.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// Called once per finished trial, never from two threads at once (calls are serialized), in
    /// the order trials finish — which varies from run to run; the result's order does not.
    /// </summary>
    public Action<SearchTrial>? OnTrialCompleted { get; init; }
}
