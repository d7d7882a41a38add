using System;
using System.Numerics;

namespace LossGen.Training;

/// <summary>
/// A per-element update rule with its state kept in one flat buffer of
/// <c>StateBufferCount × w.Length</c> elements (buffer k occupies <c>[k·P, (k+1)·P)</c>), so a
/// trainer can own, checkpoint and restore the state without knowing what it means.
/// </summary>
/// <remarks>
/// Implement it on a struct and use it as a type argument so the JIT specialises the trainer and
/// the call per step is direct. Every [Optimizer] gets a generated <c>Optimizer&lt;T&gt;</c> adapter
/// over its <c>Step</c>, built-in or not.
/// </remarks>
public interface IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>How many state buffers of one element per weight the rule keeps (0 for plain SGD).</summary>
    int StateBufferCount { get; }

    /// <summary>
    /// Updates <paramref name="w"/> (and <paramref name="state"/>) in place for step
    /// <paramref name="t"/> (counted from 1), with the base learning rate multiplied by
    /// <paramref name="learningRateMultiplier"/> (a schedule's value for this step).
    /// </summary>
    /// <remarks>
    /// The multiplier is a double, the type schedules produce, so the scheduled rate is formed once
    /// in double and rounded once to <typeparamref name="T"/>.
    /// </remarks>
    void Step(Span<T> w, ReadOnlySpan<T> g, Span<T> state, long t, double learningRateMultiplier);
}
