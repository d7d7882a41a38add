namespace LossGen.Optimization;

/// <summary>The base rate at every step (multiplier 1); useful as the schedule after a warm-up.</summary>
public readonly struct ConstantLearningRate : ILearningRateSchedule
{
    /// <inheritdoc/>
    public double Multiplier(long step)
    {
        ScheduleGuard.Step(step);
        return 1.0;
    }
}
