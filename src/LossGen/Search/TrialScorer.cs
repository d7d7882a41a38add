using System.Numerics;
using LossGen.Training;

namespace LossGen.Search;

/// <summary>
/// Trains a model with the given hyper-parameters on <paramref name="train"/> and returns its score
/// on <paramref name="evaluation"/> (higher is better, e.g. accuracy; negate a loss).
/// </summary>
/// <remarks>
/// The scorer builds whatever it wants from the configuration — the objective (λ, a margin), the
/// optimizer (learning rate, momentum, β's), the schedule, the batch size, the epochs — so a search
/// reaches every hyper-parameter of all three. It is called concurrently from several threads, so
/// it must not share mutable state between calls, and it must be deterministic (seed its trainer
/// with a fixed value) for the search to be reproducible.
/// </remarks>
public delegate double TrialScorer<T>(HyperParameters parameters, LinearDataset<T> train, LinearDataset<T> evaluation)
    where T : unmanaged, IFloatingPointIeee754<T>;
