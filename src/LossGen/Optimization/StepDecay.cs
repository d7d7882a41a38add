using System;

namespace LossGen.Optimization;

/// <summary>
/// Multiplies the rate by γ every k updates: multiplier(t) = γ^⌊t / k⌋. Matches PyTorch's
/// <c>StepLR(step_size = k, gamma = γ)</c>: updates 0 … k−1 use the base rate, updates k … 2k−1
/// use γ × base, and so on.
/// </summary>
public readonly struct StepDecay : ILearningRateSchedule
{
    private readonly long _stepSize;
    private readonly double _gamma;

    /// <param name="stepSize">k ≥ 1, the number of updates between decays.</param>
    /// <param name="gamma">γ &gt; 0, finite (usually &lt; 1).</param>
    public StepDecay(long stepSize, double gamma)
    {
        if (stepSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "The decay period must be at least one step.");
        }

        if (!(gamma > 0) || !double.IsFinite(gamma))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "The decay factor must be positive and finite.");
        }

        _stepSize = stepSize;
        _gamma = gamma;
    }

    /// <summary>k, the number of updates between decays (≥ 1).</summary>
    public long StepSize => _stepSize;

    /// <summary>γ, the factor applied every <see cref="StepSize"/> updates (positive, finite).</summary>
    public double Gamma => _gamma;

    /// <inheritdoc/>
    public double Multiplier(long step)
    {
        ScheduleGuard.Step(step);
        ScheduleGuard.Initialized(_stepSize != 0, nameof(StepDecay));
        return Math.Pow(_gamma, step / _stepSize);
    }
}
