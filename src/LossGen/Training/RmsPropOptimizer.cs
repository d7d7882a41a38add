using System;
using System.Numerics;
using LossGen.Builtins;
using static LossGen.Training.FloatDispatch;

namespace LossGen.Training;

/// <summary>The generated <see cref="RmsProp"/> rule (leaky average of g²); one state buffer.</summary>
public readonly struct RmsPropOptimizer<T> : IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // False only in default(...), whose hyper-parameters would all be zero.
    private readonly bool _built;
    private readonly double _lr;
    private readonly double _alpha;
    private readonly double _eps;
    private readonly double _weightDecay;

    /// <summary>The generated rule's default learning rate.</summary>
    public const double DefaultLr = 0.01;

    /// <summary>The generated rule's default hyper-parameters (PyTorch's); a struct's <c>new()</c> would otherwise zero them.</summary>
    public RmsPropOptimizer()
        : this(lr: DefaultLr)
    {
    }

    /// <summary>RMSprop with the given hyper-parameters (defaults are PyTorch's).</summary>
    /// <param name="lr">The base learning rate (the schedule's multiplier scales it at each step).</param>
    /// <param name="alpha">Smoothing constant of the running average of squared gradients.</param>
    /// <param name="eps">Added to √(square average) in the denominator.</param>
    /// <param name="weightDecay">L2 coefficient λ: λ·w is added to the gradient (0 for none).</param>
    /// <exception cref="System.NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public RmsPropOptimizer(double lr = DefaultLr, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0)
    {
        RequireFloatOrDouble<T>(nameof(RmsProp));
        _built = true;
        _lr = lr;
        _alpha = alpha;
        _eps = eps;
        _weightDecay = weightDecay;
    }

    /// <inheritdoc/>
    public int StateBufferCount => 1;

    /// <inheritdoc/>
    public void Step(Span<T> w, ReadOnlySpan<T> g, Span<T> state, long t, double learningRateMultiplier)
    {
        RequireBuilt(_built, nameof(RmsPropOptimizer<T>));
        Span<T> squareAvg = StateSlice(state, w.Length, 0, 1);
        double lr = _lr * learningRateMultiplier;
        if (IsFloat<T>())
        {
            RmsProp.Step(As<T, float>(w), As<T, float>(g), As<T, float>(squareAvg), t, (float)lr, (float)_alpha, (float)_eps, (float)_weightDecay);
        }
        else
        {
            RmsProp.Step(As<T, double>(w), As<T, double>(g), As<T, double>(squareAvg), t, lr, _alpha, _eps, _weightDecay);
        }
    }
}
