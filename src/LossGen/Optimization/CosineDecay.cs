using System;

namespace LossGen.Optimization;

/// <summary>
/// Half a cosine from the base rate down to a floor over T updates:
/// multiplier(t) = m + (1 − m) · ½ (1 + cos(π t / T)) for 0 ≤ t ≤ T, and m for t &gt; T,
/// where m is the floor as a fraction of the base rate (0 by default).
/// </summary>
/// <remarks>
/// For 0 ≤ t ≤ T this is PyTorch's <c>CosineAnnealingLR(T_max = T, eta_min = m × base_lr)</c>
/// in its closed form (α_t = ½ α₀ (1 + cos(tπ/T)) when m = 0). PyTorch keeps following the cosine
/// after T, so the rate rises again; that is rarely wanted for a decay, so here the rate stays at
/// the floor instead — the steps where the two differ are exactly those PyTorch's documentation
/// leaves to its restart variant.
/// </remarks>
public readonly struct CosineDecay : ILearningRateSchedule
{
    private readonly long _totalSteps;
    private readonly double _floor;

    /// <param name="totalSteps">T ≥ 1, the update index at which the floor is reached.</param>
    /// <param name="floor">m in [0, 1], the final multiplier (PyTorch's eta_min / base_lr).</param>
    public CosineDecay(long totalSteps, double floor = 0)
    {
        if (totalSteps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "The decay length must be at least one step.");
        }

        if (!(floor >= 0 && floor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(floor), floor, "The floor is a fraction of the base rate and must lie in [0, 1].");
        }

        _totalSteps = totalSteps;
        _floor = floor;
    }

    /// <summary>T, the update index at which the floor is reached (≥ 1).</summary>
    public long TotalSteps => _totalSteps;

    /// <summary>m in [0, 1], the final multiplier, as a fraction of the base rate.</summary>
    public double Floor => _floor;

    /// <inheritdoc/>
    public double Multiplier(long step)
    {
        ScheduleGuard.Step(step);
        ScheduleGuard.Initialized(_totalSteps != 0, nameof(CosineDecay));
        if (step >= _totalSteps)
        {
            return _floor;
        }

        double cosine = 0.5 * (1 + Math.Cos(Math.PI * step / _totalSteps));
        return _floor + (1 - _floor) * cosine;
    }
}
