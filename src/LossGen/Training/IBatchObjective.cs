using System;
using System.Numerics;

namespace LossGen.Training;

/// <summary>
/// A model and its loss over a fixed training set, evaluated on a mini-batch of that set's rows.
/// </summary>
/// <remarks>
/// <para>
/// The batch is named by row indices rather than handed over as copied feature buffers: the
/// objective knows its own data layout (row-major X, labels, targets…), so it is the one place that
/// can gather rows — into scratch it owns and reuses, so a step allocates nothing — and a trainer
/// stays independent of what an "example" is. Parameters are one flat vector; an objective with
/// several blocks (W and b) documents how they are laid out in it; a generated <c>Objective&lt;T&gt;</c>
/// gives a <see cref="ParameterRange"/> per block.
/// </para>
/// <para>
/// Implement it on a struct and use it as a type argument: the JIT then specialises the trainer
/// for it and the call per step is direct (and inlinable), not an interface dispatch.
/// </para>
/// </remarks>
public interface IBatchObjective<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Length of the flat parameter (and gradient) vector.</summary>
    int ParameterCount { get; }

    /// <summary>Number of training examples; row indices range over [0, ExampleCount).</summary>
    int ExampleCount { get; }

    /// <summary>
    /// The objective's value on the given rows — the loss as if they were the whole set, so their
    /// mean for a loss written as a mean over rows — with its gradient with respect to
    /// <paramref name="parameters"/> written (overwritten, not accumulated) into
    /// <paramref name="gradient"/>.
    /// </summary>
    T ValueAndGradient(ReadOnlySpan<T> parameters, ReadOnlySpan<int> rows, Span<T> gradient);
}
