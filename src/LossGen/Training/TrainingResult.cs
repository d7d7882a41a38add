namespace LossGen.Training;

/// <summary>How a call to Fit ended.</summary>
/// <param name="Epochs">Epochs completed in total (across resumed runs).</param>
/// <param name="Steps">Steps taken in total.</param>
/// <param name="StoppedEarly">Early stopping triggered (and, if asked, the best parameters were restored).</param>
/// <param name="BestEpoch">The best validation epoch (1-based), 0 without a metric.</param>
/// <param name="BestScore">Its score, NaN without a metric.</param>
/// <param name="LastMeanLoss">The last completed epoch's mean loss (NaN if none completed).</param>
public readonly record struct TrainingResult(int Epochs, long Steps, bool StoppedEarly, int BestEpoch, double BestScore, double LastMeanLoss);
