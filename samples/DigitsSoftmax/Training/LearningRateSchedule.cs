using System;
using LossGen.Optimization;

namespace DigitsSoftmax.Training;

/// <summary>
/// The schedule chosen on the command line, as one struct over LossGen's schedules: a branch per
/// step is negligible next to a batch's gradient, and it keeps the trainer's type count at
/// loss × optimizer rather than × schedule.
/// </summary>
public readonly struct LearningRateSchedule : ILearningRateSchedule
{
    // Step decay halves the rate every quarter of the run; exponential decay ends at 1% of it;
    // warm-up ramps from 10% over the first tenth, then decays by cosine. These are the usual
    // shapes from the lecture notes, scaled to the run's length so every schedule fits any --epochs.
    private const double StepGamma = 0.5;
    private const double ExponentialEnd = 0.01;
    private const double WarmupFraction = 0.1;
    private const double WarmupStart = 0.1;

    private readonly ScheduleKind _kind;
    private readonly StepDecay _step;
    private readonly ExponentialDecay _exponential;
    private readonly CosineDecay _cosine;
    private readonly LinearWarmup<CosineDecay> _warmup;

    public LearningRateSchedule(ScheduleKind kind, long totalSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        _kind = kind;
        _step = new StepDecay(Math.Max(1, totalSteps / 4), StepGamma);
        _exponential = new ExponentialDecay(Math.Pow(ExponentialEnd, 1.0 / totalSteps));
        _cosine = new CosineDecay(totalSteps);
        long warmupSteps = Math.Max(1, (long)(totalSteps * WarmupFraction));
        _warmup = new LinearWarmup<CosineDecay>(warmupSteps, WarmupStart, new CosineDecay(Math.Max(1, totalSteps - warmupSteps)));
    }

    public double Multiplier(long step) => _kind switch
    {
        ScheduleKind.Step => _step.Multiplier(step),
        ScheduleKind.Exponential => _exponential.Multiplier(step),
        ScheduleKind.Cosine => _cosine.Multiplier(step),
        ScheduleKind.Warmup => _warmup.Multiplier(step),
        _ => 1.0,
    };
}
