namespace LossGen.Training;

/// <summary>What one optimizer step did; passed by reference to a struct callback, so reporting allocates nothing.</summary>
/// <param name="Step">Steps taken so far, this one included.</param>
/// <param name="Epoch">The 0-based epoch this step belongs to.</param>
/// <param name="Loss">The batch's objective before the update.</param>
/// <param name="BatchSize">Rows in this batch.</param>
/// <param name="LearningRateMultiplier">The schedule's value for this step.</param>
/// <param name="GradientNorm">The pre-clip global L2 norm, or NaN when both clipping and <see cref="TrainerOptions.StopOnNonFinite"/> are off (it is not computed then).</param>
public readonly record struct StepReport(long Step, int Epoch, double Loss, int BatchSize, double LearningRateMultiplier, double GradientNorm);
