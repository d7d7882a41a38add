using System;

namespace LossGen.Training;

/// <summary>
/// Scores parameters on held-out data; called once per epoch (never per step), so a delegate's
/// cost does not matter. Whether higher is better is <see cref="TrainerOptions.HigherIsBetter"/>.
/// </summary>
public delegate double ValidationMetric<T>(ReadOnlySpan<T> parameters);
