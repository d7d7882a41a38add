using System.Collections.Generic;

namespace DigitsSoftmax.Training;

/// <summary>What a run leaves: the flat parameters [W (D×C) | b (C)] and the per-epoch history.</summary>
public sealed record TrainedRun(float[] Parameters, IReadOnlyList<EpochMetrics> History, long Steps);
