using System;
using System.Numerics;
using LossGen.Builtins;
using static LossGen.Training.FloatDispatch;

namespace LossGen.Training;

/// <summary>The generated <see cref="RmsProp"/> rule (leaky average of g²); one state buffer.</summary>
public readonly struct RmsPropOptimizer<T> : IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double _lr;
    private readonly double _alpha;
    private readonly double _eps;
    private readonly double _weightDecay;

    public RmsPropOptimizer(double lr = 0.01, double alpha = 0.99, double eps = 1e-8, double weightDecay = 0)
    {
        RequireFloatOrDouble<T>(nameof(RmsProp));
        _lr = lr;
        _alpha = alpha;
        _eps = eps;
        _weightDecay = weightDecay;
    }

    public int StateBufferCount => 1;

    public void Step(Span<T> w, ReadOnlySpan<T> g, Span<T> state, long t, double learningRateMultiplier)
    {
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
