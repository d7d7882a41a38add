using System;
using System.Numerics;
using LossGen.Builtins;
using static LossGen.Training.FloatDispatch;

namespace LossGen.Training;

/// <summary>
/// The generated <see cref="AdamWTorch"/> rule, PyTorch's AdamW: the decay is scaled by the
/// scheduled rate, so the adapter passes lr × multiplier as the rate and the decay follows it.
/// </summary>
public readonly struct AdamWTorchOptimizer<T> : IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // False only in default(...), whose hyper-parameters would all be zero.
    private readonly bool _built;
    private readonly double _lr;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _eps;
    private readonly double _weightDecay;

    /// <summary>The generated rule's default learning rate.</summary>
    public const double DefaultLr = 1e-3;

    /// <summary>The generated rule's default hyper-parameters (PyTorch's); a struct's <c>new()</c> would otherwise zero them.</summary>
    public AdamWTorchOptimizer()
        : this(lr: DefaultLr)
    {
    }

    /// <summary>PyTorch's AdamW with the given hyper-parameters (defaults are PyTorch's).</summary>
    /// <param name="lr">The base learning rate (the schedule's multiplier scales it at each step).</param>
    /// <param name="beta1">Decay rate of the first-moment (mean) estimate m.</param>
    /// <param name="beta2">Decay rate of the second-moment estimate v.</param>
    /// <param name="eps">Added to the square-root denominator for stability.</param>
    /// <param name="weightDecay">The decoupled decay coefficient: w is first multiplied by 1 − rate·weightDecay, rate the scheduled learning rate.</param>
    /// <exception cref="System.NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public AdamWTorchOptimizer(double lr = DefaultLr, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2)
    {
        RequireFloatOrDouble<T>(nameof(AdamWTorch));
        _built = true;
        _lr = lr;
        _beta1 = beta1;
        _beta2 = beta2;
        _eps = eps;
        _weightDecay = weightDecay;
    }

    /// <inheritdoc/>
    public int StateBufferCount => 2;

    /// <inheritdoc/>
    public void Step(Span<T> w, ReadOnlySpan<T> g, Span<T> state, long t, double learningRateMultiplier)
    {
        RequireBuilt(_built, nameof(AdamWTorchOptimizer<T>));
        Span<T> m = StateSlice(state, w.Length, 0, 2);
        Span<T> v = StateSlice(state, w.Length, 1, 2);
        double lr = _lr * learningRateMultiplier;
        if (IsFloat<T>())
        {
            AdamWTorch.Step(As<T, float>(w), As<T, float>(g), As<T, float>(m), As<T, float>(v), t,
                (float)lr, (float)_beta1, (float)_beta2, (float)_eps, (float)_weightDecay);
        }
        else
        {
            AdamWTorch.Step(As<T, double>(w), As<T, double>(g), As<T, double>(m), As<T, double>(v), t,
                lr, _beta1, _beta2, _eps, _weightDecay);
        }
    }
}
