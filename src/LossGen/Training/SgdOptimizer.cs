using System;
using System.Numerics;
using LossGen.Builtins;
using static LossGen.Training.FloatDispatch;

namespace LossGen.Training;

/// <summary>The generated <see cref="Sgd"/> rule (w ← w − lr·(g + λw)); no state.</summary>
public readonly struct SgdOptimizer<T> : IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // False only in default(...), whose hyper-parameters would all be zero.
    private readonly bool _built;
    private readonly double _lr;
    private readonly double _weightDecay;

    /// <summary>The generated rule's default learning rate.</summary>
    public const double DefaultLr = 0.01;

    /// <summary>The generated rule's default hyper-parameters (PyTorch's); a struct's <c>new()</c> would otherwise zero them.</summary>
    public SgdOptimizer()
        : this(lr: DefaultLr)
    {
    }

    /// <summary>Plain SGD with the given hyper-parameters.</summary>
    /// <param name="lr">The base learning rate (the schedule's multiplier scales it at each step).</param>
    /// <param name="weightDecay">L2 coefficient λ: λ·w is added to the gradient (0 for none).</param>
    /// <exception cref="System.NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public SgdOptimizer(double lr = DefaultLr, double weightDecay = 0)
    {
        RequireFloatOrDouble<T>(nameof(Sgd));
        _built = true;
        _lr = lr;
        _weightDecay = weightDecay;
    }

    /// <inheritdoc/>
    public int StateBufferCount => 0;

    /// <inheritdoc/>
    public void Step(Span<T> w, ReadOnlySpan<T> g, Span<T> state, long t, double learningRateMultiplier)
    {
        RequireBuilt(_built, nameof(SgdOptimizer<T>));
        RequireStateLength(state, w.Length, 0);
        double lr = _lr * learningRateMultiplier;
        if (IsFloat<T>())
        {
            Sgd.Step(As<T, float>(w), As<T, float>(g), t, (float)lr, (float)_weightDecay);
        }
        else
        {
            Sgd.Step(As<T, double>(w), As<T, double>(g), t, lr, _weightDecay);
        }
    }
}
