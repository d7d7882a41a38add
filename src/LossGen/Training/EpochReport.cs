namespace LossGen.Training;

/// <summary>The summary of a finished epoch.</summary>
/// <param name="Epoch">Epochs completed so far, this one included (1 after the first).</param>
/// <param name="Steps">Steps taken so far.</param>
/// <param name="MeanLoss">Mean over the epoch's rows of each batch's objective, taken before that batch's update.</param>
/// <param name="ValidationScore">The validation metric after the epoch, or NaN without one.</param>
/// <param name="Improved">Whether this epoch set a new best validation score.</param>
/// <param name="BestScore">The best validation score so far (NaN without a metric).</param>
/// <param name="BestEpoch">The epoch (1-based) that reached <paramref name="BestScore"/>, 0 if none.</param>
public readonly record struct EpochReport(int Epoch, long Steps, double MeanLoss, double ValidationScore, bool Improved, double BestScore, int BestEpoch);
