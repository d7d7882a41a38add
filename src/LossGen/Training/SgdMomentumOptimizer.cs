using System;
using System.Numerics;
using LossGen.Builtins;
using static LossGen.Training.FloatDispatch;

namespace LossGen.Training;

/// <summary>The generated <see cref="SgdMomentum"/> rule: SGD with momentum (v ← ρv + g; w ← w − lr·v), PyTorch's convention; one state buffer (the velocity).</summary>
public readonly struct SgdMomentumOptimizer<T> : IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double _lr;
    private readonly double _momentum;
    private readonly double _weightDecay;

    public SgdMomentumOptimizer(double lr = 0.01, double momentum = 0.9, double weightDecay = 0)
    {
        RequireFloatOrDouble<T>(nameof(SgdMomentum));
        _lr = lr;
        _momentum = momentum;
        _weightDecay = weightDecay;
    }

    public int StateBufferCount => 1;

    public void Step(Span<T> w, ReadOnlySpan<T> g, Span<T> state, long t, double learningRateMultiplier)
    {
        Span<T> v = StateSlice(state, w.Length, 0, 1);
        double lr = _lr * learningRateMultiplier;
        if (IsFloat<T>())
        {
            SgdMomentum.Step(As<T, float>(w), As<T, float>(g), As<T, float>(v), t, (float)lr, (float)_momentum, (float)_weightDecay);
        }
        else
        {
            SgdMomentum.Step(As<T, double>(w), As<T, double>(g), As<T, double>(v), t, lr, _momentum, _weightDecay);
        }
    }
}
