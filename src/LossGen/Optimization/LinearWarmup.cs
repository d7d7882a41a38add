using System;

namespace LossGen.Optimization;

/// <summary>
/// A linear ramp over the first W updates, then another schedule started afresh:
/// multiplier(t) = s + (1 − s) · t / W for t &lt; W, and inner.Multiplier(t − W) for t ≥ W,
/// where s is the starting factor.
/// </summary>
/// <remarks>
/// This is PyTorch's <c>SequentialLR([LinearLR(start_factor = s, end_factor = 1, total_iters = W), inner], milestones = [W])</c>:
/// the first update uses s × base, the ramp reaches 1 at update W, which is also the inner
/// schedule's own first update (its step 0, multiplier 1 for every decay here), so the rate is
/// continuous where they join and the inner decay's length counts only post-warm-up updates.
/// </remarks>
public readonly struct LinearWarmup<TSchedule> : ILearningRateSchedule
    where TSchedule : struct, ILearningRateSchedule
{
    private readonly long _warmupSteps;
    private readonly double _startFactor;
    private readonly TSchedule _inner;

    /// <param name="warmupSteps">W ≥ 1, the number of ramp updates.</param>
    /// <param name="startFactor">s in (0, 1], the multiplier of the very first update.</param>
    /// <param name="inner">The schedule that takes over at update W, seeing step 0 there.</param>
    public LinearWarmup(long warmupSteps, double startFactor, TSchedule inner)
    {
        if (warmupSteps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, "The warm-up must last at least one step.");
        }

        // s = 0 would make the first update a no-op, which is never the intent; PyTorch rejects it too.
        if (!(startFactor > 0 && startFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, "The starting factor must lie in (0, 1].");
        }

        _warmupSteps = warmupSteps;
        _startFactor = startFactor;
        _inner = inner;
    }

    /// <summary>W, the number of ramp updates (≥ 1).</summary>
    public long WarmupSteps => _warmupSteps;

    /// <summary>s in (0, 1], the multiplier of the very first update.</summary>
    public double StartFactor => _startFactor;

    /// <summary>The schedule that takes over at update W, seeing step 0 there.</summary>
    public TSchedule Inner => _inner;

    /// <inheritdoc/>
    public double Multiplier(long step)
    {
        ScheduleGuard.Step(step);
        ScheduleGuard.Initialized(_warmupSteps != 0, "LinearWarmup");
        if (step < _warmupSteps)
        {
            return _startFactor + (1 - _startFactor) * step / _warmupSteps;
        }

        return _inner.Multiplier(step - _warmupSteps);
    }
}
