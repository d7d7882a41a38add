using System;
using System.Numerics;
using LossGen.Builtins;
using static LossGen.Training.FloatDispatch;

namespace LossGen.Training;

/// <summary>
/// The generated <see cref="Adam"/> rule with bias correction; two state buffers (m, v).
/// <c>weightDecay</c> here is L2 added to the gradient, not decoupled decay (see the AdamW adapters).
/// </summary>
public readonly struct AdamOptimizer<T> : IOptimizer<T>
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
    public AdamOptimizer()
        : this(lr: DefaultLr)
    {
    }

    /// <summary>Adam with the given hyper-parameters (defaults are PyTorch's).</summary>
    /// <param name="lr">The base learning rate (the schedule's multiplier scales it at each step).</param>
    /// <param name="beta1">Decay rate of the first-moment (mean) estimate m.</param>
    /// <param name="beta2">Decay rate of the second-moment estimate v.</param>
    /// <param name="eps">Added to the square-root denominator for stability.</param>
    /// <param name="weightDecay">L2 coefficient λ added to the gradient as λ·w before the moments (not decoupled decay); 0 for none.</param>
    /// <exception cref="System.NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public AdamOptimizer(double lr = DefaultLr, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
    {
        RequireFloatOrDouble<T>(nameof(Adam));
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
        RequireBuilt(_built, nameof(AdamOptimizer<T>));
        Span<T> m = StateSlice(state, w.Length, 0, 2);
        Span<T> v = StateSlice(state, w.Length, 1, 2);
        double lr = _lr * learningRateMultiplier;
        if (IsFloat<T>())
        {
            Adam.Step(As<T, float>(w), As<T, float>(g), As<T, float>(m), As<T, float>(v), t,
                (float)lr, (float)_beta1, (float)_beta2, (float)_eps, (float)_weightDecay);
        }
        else
        {
            Adam.Step(As<T, double>(w), As<T, double>(g), As<T, double>(m), As<T, double>(v), t,
                lr, _beta1, _beta2, _eps, _weightDecay);
        }
    }
}
