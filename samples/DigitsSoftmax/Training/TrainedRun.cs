using System.Collections.Generic;

namespace DigitsSoftmax.Training;

/// <summary>What a run leaves: the flat parameters [W (D×C) | b (C)], the per-epoch history, and
/// each step's batch objective (before its update) in step order.</summary>
public sealed record TrainedRun(float[] Parameters, IReadOnlyList<EpochMetrics> History, IReadOnlyList<double> StepLosses, long Steps);
