using System;
using System.Numerics;
using LossGen.Builtins;
using static LossGen.Training.FloatDispatch;

namespace LossGen.Training;

/// <summary>The generated <see cref="AdaGrad"/> rule (PyTorch's Adagrad); one state buffer, the sum of squared gradients.</summary>
public readonly struct AdaGradOptimizer<T> : IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // False only in default(...), whose hyper-parameters would all be zero.
    private readonly bool _built;
    private readonly double _lr;
    private readonly double _lrDecay;
    private readonly double _weightDecay;
    private readonly double _eps;

    /// <summary>The generated rule's default learning rate.</summary>
    public const double DefaultLr = 0.01;

    /// <summary>The generated rule's default hyper-parameters (PyTorch's); a struct's <c>new()</c> would otherwise zero them.</summary>
    public AdaGradOptimizer()
        : this(lr: DefaultLr)
    {
    }

    /// <summary>AdaGrad with the given hyper-parameters (defaults are PyTorch's).</summary>
    /// <param name="lr">The base learning rate (the schedule's multiplier scales it at each step).</param>
    /// <param name="lrDecay">Learning-rate decay: step t uses lr / (1 + (t − 1)·lrDecay).</param>
    /// <param name="weightDecay">L2 coefficient λ: λ·w is added to the gradient (0 for none).</param>
    /// <param name="eps">Added to the square-root denominator for stability.</param>
    /// <exception cref="System.NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public AdaGradOptimizer(double lr = DefaultLr, double lrDecay = 0, double weightDecay = 0, double eps = 1e-10)
    {
        RequireFloatOrDouble<T>(nameof(AdaGrad));
        _built = true;
        _lr = lr;
        _lrDecay = lrDecay;
        _weightDecay = weightDecay;
        _eps = eps;
    }

    /// <inheritdoc/>
    public int StateBufferCount => 1;

    /// <inheritdoc/>
    public void Step(Span<T> w, ReadOnlySpan<T> g, Span<T> state, long t, double learningRateMultiplier)
    {
        RequireBuilt(_built, nameof(AdaGradOptimizer<T>));
        Span<T> sum = StateSlice(state, w.Length, 0, 1);
        double lr = _lr * learningRateMultiplier;
        if (IsFloat<T>())
        {
            AdaGrad.Step(As<T, float>(w), As<T, float>(g), As<T, float>(sum), t, (float)lr, (float)_lrDecay, (float)_weightDecay, (float)_eps);
        }
        else
        {
            AdaGrad.Step(As<T, double>(w), As<T, double>(g), As<T, double>(sum), t, lr, _lrDecay, _weightDecay, _eps);
        }
    }
}
