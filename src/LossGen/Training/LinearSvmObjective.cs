using System;
using System.Numerics;
using LossGen.Builtins;
using static LossGen.Training.FloatDispatch;

namespace LossGen.Training;

/// <summary>
/// The generated <see cref="LinearSvm"/> objective (mean multiclass hinge (margin Δ) of the scores XW + b, plus λΣW² (bias unregularized)) over a
/// training set, evaluated on mini-batches of its rows. Parameters are laid out as
/// <c>[W (D×C, row-major) | b (C)]</c>; see <see cref="LinearClassifier"/> for predictions.
/// </summary>
public readonly struct LinearSvmObjective<T> : IBatchObjective<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly LinearDataset<T> _data;
    private readonly double _delta;
    private readonly double _lambda;
    private readonly BatchScratch<T> _scratch;

    /// <summary>The multiclass hinge objective over <paramref name="data"/>.</summary>
    /// <param name="data">The training set (used, not copied).</param>
    /// <param name="delta">The hinge margin Δ.</param>
    /// <param name="lambda">The L2 coefficient λ of λΣW² (the bias is not regularized).</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public LinearSvmObjective(LinearDataset<T> data, double delta = 1, double lambda = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireFloatOrDouble<T>(nameof(LinearSvm));
        _data = data;
        _delta = delta;
        _lambda = lambda;
        _scratch = new BatchScratch<T>();
    }

    /// <summary>The training set the objective is evaluated on (null in a <c>default</c> instance).</summary>
    public LinearDataset<T> Data => _data;

    // A default(...) objective has no data: 0 here makes the trainer refuse it with an ArgumentException.
    /// <inheritdoc/>
    public int ParameterCount => _data?.ParameterCount ?? 0;

    /// <inheritdoc/>
    public int ExampleCount => _data?.Count ?? 0;

    /// <inheritdoc/>
    public T ValueAndGradient(ReadOnlySpan<T> parameters, ReadOnlySpan<int> rows, Span<T> gradient)
    {
        int d = _data.FeatureCount, c = _data.ClassCount, weights = d * c;
        LinearClassifier.CheckLength(parameters.Length, ParameterCount, nameof(parameters));
        LinearClassifier.CheckLength(gradient.Length, ParameterCount, nameof(gradient));
        _scratch.Gather(_data, rows, out ReadOnlySpan<T> x, out ReadOnlySpan<int> y);
        int n = rows.Length;
        if (IsFloat<T>())
        {
            ReadOnlySpan<float> p = As<T, float>(parameters);
            Span<float> g = As<T, float>(gradient);
            float value = LinearSvm.ValueAndGradient(As<T, float>(x), p[..weights], p[weights..], y, n, d, c,
                g[..weights], g[weights..], (float)_delta, (float)_lambda);
            return T.CreateTruncating(value);
        }
        else
        {
            ReadOnlySpan<double> p = As<T, double>(parameters);
            Span<double> g = As<T, double>(gradient);
            double value = LinearSvm.ValueAndGradient(As<T, double>(x), p[..weights], p[weights..], y, n, d, c,
                g[..weights], g[weights..], _delta, _lambda);
            return T.CreateTruncating(value);
        }
    }
}
