using System;
using System.Numerics;
using LossGen.Builtins;
using static LossGen.Training.FloatDispatch;

namespace LossGen.Training;

/// <summary>The generated <see cref="RmsPropMomentum"/> rule; two state buffers (square average, momentum buffer).</summary>
public readonly struct RmsPropMomentumOptimizer<T> : IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // False only in default(...), whose hyper-parameters would all be zero.
    private readonly bool _built;
    private readonly double _lr;
    private readonly double _alpha;
    private readonly double _eps;
    private readonly double _momentum;
    private readonly double _weightDecay;

    /// <summary>The generated rule's default learning rate.</summary>
    public const double DefaultLr = 0.01;

    /// <summary>The generated rule's default hyper-parameters (PyTorch's); a struct's <c>new()</c> would otherwise zero them.</summary>
    public RmsPropMomentumOptimizer()
        : this(lr: DefaultLr)
    {
    }

    /// <summary>RMSprop with momentum, with the given hyper-parameters (PyTorch's defaults except momentum).</summary>
    /// <param name="lr">The base learning rate (the schedule's multiplier scales it at each step).</param>
    /// <param name="alpha">Smoothing constant of the running average of squared gradients.</param>
    /// <param name="eps">Added to √(square average) in the denominator.</param>
    /// <param name="momentum">The momentum coefficient ρ.</param>
    /// <param name="weightDecay">L2 coefficient λ: λ·w is added to the gradient (0 for none).</param>
    /// <exception cref="System.NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public RmsPropMomentumOptimizer(double lr = DefaultLr, double alpha = 0.99, double eps = 1e-8, double momentum = 0.9, double weightDecay = 0)
    {
        RequireFloatOrDouble<T>(nameof(RmsPropMomentum));
        _built = true;
        _lr = lr;
        _alpha = alpha;
        _eps = eps;
        _momentum = momentum;
        _weightDecay = weightDecay;
    }

    /// <inheritdoc/>
    public int StateBufferCount => 2;

    /// <inheritdoc/>
    public void Step(Span<T> w, ReadOnlySpan<T> g, Span<T> state, long t, double learningRateMultiplier)
    {
        RequireBuilt(_built, nameof(RmsPropMomentumOptimizer<T>));
        Span<T> squareAvg = StateSlice(state, w.Length, 0, 2);
        Span<T> buffer = StateSlice(state, w.Length, 1, 2);
        double lr = _lr * learningRateMultiplier;
        if (IsFloat<T>())
        {
            RmsPropMomentum.Step(As<T, float>(w), As<T, float>(g), As<T, float>(squareAvg), As<T, float>(buffer), t,
                (float)lr, (float)_alpha, (float)_eps, (float)_momentum, (float)_weightDecay);
        }
        else
        {
            RmsPropMomentum.Step(As<T, double>(w), As<T, double>(g), As<T, double>(squareAvg), As<T, double>(buffer), t,
                lr, _alpha, _eps, _momentum, _weightDecay);
        }
    }
}
