using System;
using System.Numerics;
using LossGen.Builtins;

namespace LossGen.Training;

/// <summary>
/// The generated <see cref="LinearSoftmax"/> objective (mean softmax cross-entropy of the scores XW + b, plus λΣW² (bias unregularized)) over a
/// training set, evaluated on mini-batches of its rows. Parameters are laid out as
/// <c>[W (D×C, row-major) | b (C)]</c>; see <see cref="LinearClassifier"/> for predictions.
/// </summary>
public readonly struct LinearSoftmaxObjective<T> : IBatchObjective<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // The generated objective of the declaration; this type only adapts a LinearDataset to it.
    private readonly LinearSoftmax.Objective<T> _objective;

    /// <summary>The objective over <paramref name="data"/>.</summary>
    /// <param name="data">The training set (used, not copied).</param>
    /// <param name="lambda">The L2 coefficient λ of λΣW² (the bias is not regularized).</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">A hyper-parameter is NaN or ±∞.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public LinearSoftmaxObjective(LinearDataset<T> data, double lambda = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(data);
        _objective = new LinearSoftmax.Objective<T>(data.Features, data.Labels, data.Count, data.FeatureCount, data.ClassCount, lambda);
        Data = data;
    }

    /// <summary>The training set the objective is evaluated on (null in a <c>default</c> instance).</summary>
    public LinearDataset<T> Data { get; }

    /// <summary>Where W (D×C, row-major) lies in the parameters.</summary>
    public ParameterRange W => _objective.W;

    /// <summary>Where b (C) lies in the parameters.</summary>
    public ParameterRange B => _objective.b;

    // A default(...) objective has no data: 0 here makes the trainer refuse it with an ArgumentException.
    /// <inheritdoc/>
    public int ParameterCount => _objective.ParameterCount;

    /// <inheritdoc/>
    public int ExampleCount => _objective.ExampleCount;

    /// <inheritdoc/>
    public T ValueAndGradient(ReadOnlySpan<T> parameters, ReadOnlySpan<int> rows, Span<T> gradient) =>
        _objective.ValueAndGradient(parameters, rows, gradient);
}
