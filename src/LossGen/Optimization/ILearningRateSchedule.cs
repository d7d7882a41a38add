namespace LossGen.Optimization;

/// <summary>
/// A learning-rate schedule as a multiplier of the base rate: the update with index
/// <c>step</c> uses <c>lr = baseLr × Multiplier(step)</c>.
/// </summary>
/// <remarks>
/// <para>
/// Step indexing follows PyTorch's schedulers: <c>step</c> is the number of optimizer updates
/// already taken, so the first update sees <c>step = 0</c> and, for every decay here, the
/// unmodified base rate (multiplier 1). In PyTorch terms, <c>Multiplier(t)</c> is the rate in
/// effect after <c>scheduler.step()</c> has been called t times, i.e. the rate the (t+1)-th
/// <c>optimizer.step()</c> uses.
/// </para>
/// <para>
/// Returning a multiplier rather than a rate keeps schedules independent of the base rate, so one
/// schedule value can drive parameter groups with different base rates and schedules compose by
/// wrapping (<see cref="LinearWarmup{TSchedule}"/>). Implementations are small structs so generic
/// training code specialised on them inlines the call.
/// </para>
/// </remarks>
public interface ILearningRateSchedule
{
    /// <summary>The factor applied to the base learning rate for update number <paramref name="step"/> (0-based).</summary>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    double Multiplier(long step);
}
