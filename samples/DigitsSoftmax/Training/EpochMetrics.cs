namespace DigitsSoftmax.Training;

/// <summary>One row of a run's history: the epoch's mean training objective (each batch's value
/// before its update) and the accuracies after the epoch.</summary>
public readonly record struct EpochMetrics(int Epoch, long Steps, double MeanLoss, double TrainAccuracy, double ValidationAccuracy);
