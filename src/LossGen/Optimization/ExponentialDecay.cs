using System;

namespace LossGen.Optimization;

/// <summary>
/// Multiplies the rate by γ every update: multiplier(t) = γ^t. Matches PyTorch's
/// <c>ExponentialLR(gamma = γ)</c>; the first update (t = 0) uses the base rate.
/// </summary>
public readonly struct ExponentialDecay : ILearningRateSchedule
{
    private readonly double _gamma;

    /// <param name="gamma">γ &gt; 0, finite (usually slightly below 1).</param>
    public ExponentialDecay(double gamma)
    {
        if (!(gamma > 0) || !double.IsFinite(gamma))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "The decay factor must be positive and finite.");
        }

        _gamma = gamma;
    }

    /// <summary>γ, the factor applied every update (positive, finite).</summary>
    public double Gamma => _gamma;

    /// <inheritdoc/>
    public double Multiplier(long step)
    {
        ScheduleGuard.Step(step);
        ScheduleGuard.Initialized(_gamma != 0, nameof(ExponentialDecay));
        return Math.Pow(_gamma, step);
    }
}
