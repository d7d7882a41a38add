using System;
using System.Numerics;
using LossGen.Builtins;
using static LossGen.Training.FloatDispatch;

namespace LossGen.Training;

/// <summary>The generated <see cref="Nesterov"/> rule: Nesterov momentum in the change-of-variables form, equal to PyTorch's nesterov=True; one state buffer (the velocity).</summary>
public readonly struct NesterovOptimizer<T> : IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // False only in default(...), whose hyper-parameters would all be zero.
    private readonly bool _built;
    private readonly double _lr;
    private readonly double _momentum;
    private readonly double _weightDecay;

    /// <summary>The generated rule's default learning rate.</summary>
    public const double DefaultLr = 0.01;

    /// <summary>The generated rule's default hyper-parameters (PyTorch's); a struct's <c>new()</c> would otherwise zero them.</summary>
    public NesterovOptimizer()
        : this(lr: DefaultLr)
    {
    }

    /// <summary>Nesterov momentum with the given hyper-parameters.</summary>
    /// <param name="lr">The base learning rate (the schedule's multiplier scales it at each step).</param>
    /// <param name="momentum">The momentum coefficient ρ.</param>
    /// <param name="weightDecay">L2 coefficient λ: λ·w is added to the gradient (0 for none).</param>
    /// <exception cref="System.NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public NesterovOptimizer(double lr = DefaultLr, double momentum = 0.9, double weightDecay = 0)
    {
        RequireFloatOrDouble<T>(nameof(Nesterov));
        _built = true;
        _lr = lr;
        _momentum = momentum;
        _weightDecay = weightDecay;
    }

    /// <inheritdoc/>
    public int StateBufferCount => 1;

    /// <inheritdoc/>
    public void Step(Span<T> w, ReadOnlySpan<T> g, Span<T> state, long t, double learningRateMultiplier)
    {
        RequireBuilt(_built, nameof(NesterovOptimizer<T>));
        Span<T> v = StateSlice(state, w.Length, 0, 1);
        double lr = _lr * learningRateMultiplier;
        if (IsFloat<T>())
        {
            Nesterov.Step(As<T, float>(w), As<T, float>(g), As<T, float>(v), t, (float)lr, (float)_momentum, (float)_weightDecay);
        }
        else
        {
            Nesterov.Step(As<T, double>(w), As<T, double>(g), As<T, double>(v), t, lr, _momentum, _weightDecay);
        }
    }
}
