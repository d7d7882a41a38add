using System;
using System.Numerics;
using LossGen.Builtins;
using static LossGen.Training.FloatDispatch;

namespace LossGen.Training;

/// <summary>
/// The generated <see cref="AdamWPaper"/> rule, Loshchilov–Hutter's convention: the base rate
/// stays lr and the schedule's multiplier is passed as η_t, which scales both the Adam step and
/// the decay (the decay is not scaled by lr). The decay has no default, as in the generated rule.
/// </summary>
public readonly struct AdamWPaperOptimizer<T> : IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // False only in default(...), whose hyper-parameters would all be zero.
    private readonly bool _built;
    private readonly double _weightDecay;
    private readonly double _lr;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _eps;

    /// <summary>AdamW in Loshchilov–Hutter's convention.</summary>
    /// <param name="weightDecay">The decoupled decay coefficient: w shrinks by η_t·weightDecay·w each step (scaled by the schedule's multiplier η_t, not by lr). Required.</param>
    /// <param name="lr">The base learning rate of the Adam step; the schedule's multiplier η_t scales the step and the decay.</param>
    /// <param name="beta1">Decay rate of the first-moment (mean) estimate m.</param>
    /// <param name="beta2">Decay rate of the second-moment estimate v.</param>
    /// <param name="eps">Added to the square-root denominator for stability.</param>
    /// <exception cref="System.NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public AdamWPaperOptimizer(double weightDecay, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8)
    {
        RequireFloatOrDouble<T>(nameof(AdamWPaper));
        _built = true;
        _weightDecay = weightDecay;
        _lr = lr;
        _beta1 = beta1;
        _beta2 = beta2;
        _eps = eps;
    }

    /// <inheritdoc/>
    public int StateBufferCount => 2;

    /// <inheritdoc/>
    public void Step(Span<T> w, ReadOnlySpan<T> g, Span<T> state, long t, double learningRateMultiplier)
    {
        RequireBuilt(_built, nameof(AdamWPaperOptimizer<T>));
        Span<T> m = StateSlice(state, w.Length, 0, 2);
        Span<T> v = StateSlice(state, w.Length, 1, 2);
        if (IsFloat<T>())
        {
            AdamWPaper.Step(As<T, float>(w), As<T, float>(g), As<T, float>(m), As<T, float>(v), t,
                (float)_weightDecay, (float)_lr, (float)_beta1, (float)_beta2, (float)_eps, (float)learningRateMultiplier);
        }
        else
        {
            AdamWPaper.Step(As<T, double>(w), As<T, double>(g), As<T, double>(m), As<T, double>(v), t,
                _weightDecay, _lr, _beta1, _beta2, _eps, learningRateMultiplier);
        }
    }
}
