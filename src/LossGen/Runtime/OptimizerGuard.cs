using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace LossGen.CompilerServices;

/// <summary>
/// Argument checks called by a generated optimizer <c>Step</c> before it writes anything, so a bad
/// call throws an <see cref="ArgumentException"/> naming the parameter and leaves the weights and
/// state exactly as they were. The aliasing check between buffers is <see cref="BufferGuard"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OptimizerGuard
{
    /// <summary>A gradient or state span must have one element per weight.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SameLength(int length, string parameter, int weights, string weightParameter)
    {
        if (length != weights) ThrowLength(length, parameter, weights, weightParameter);
    }

    /// <summary>Steps count from 1: bias corrections such as 1 − β^t are 0 at t = 0 and would divide by zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StepNumber(long t, string parameter)
    {
        if (t < 1)
            throw new ArgumentException($"The step number counts from 1 (the first step is 1), but {parameter} = {t}.", parameter);
    }

    /// <summary>A learning rate must be finite and not negative (a negative one would ascend the loss).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LearningRate(double value, string parameter)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentException($"The learning rate must be finite and not negative, but {parameter} = {value}.", parameter);
    }

    /// <inheritdoc cref="LearningRate(double, string)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LearningRate(float value, string parameter)
    {
        if (!(value >= 0) || float.IsInfinity(value))
            throw new ArgumentException($"The learning rate must be finite and not negative, but {parameter} = {value}.", parameter);
    }

    /// <summary>
    /// The weight λ of a penalty λ·R must be finite and not negative: a negative one would reward
    /// large weights instead of penalizing them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PenaltyWeight(double value, string parameter)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentException($"The penalty weight λ must be finite and not negative, but {parameter} = {value}.", parameter);
    }

    /// <inheritdoc cref="NotNaN(double, string)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NotNaN(float value, string parameter)
    {
        if (float.IsNaN(value))
            throw new ArgumentException($"Hyper-parameter {parameter} is NaN.", parameter);
    }

    /// <summary>A NaN hyper-parameter would silently turn every weight into NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NotNaN(double value, string parameter)
    {
        if (double.IsNaN(value))
            throw new ArgumentException($"Hyper-parameter {parameter} is NaN.", parameter);
    }

    private static void ThrowLength(int length, string parameter, int weights, string weightParameter) =>
        throw new ArgumentException(
            $"'{parameter}' has length {length}, but the weights '{weightParameter}' have length {weights}: every gradient and state span needs one element per weight.",
            parameter);
}
