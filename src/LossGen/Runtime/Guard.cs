using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace LossGen.CompilerServices;

/// <summary>
/// Argument checks called by generated code before it computes or writes anything. Failures are
/// <see cref="ArgumentException"/>s that name the parameter and the dimensions involved.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Guard
{
    /// <summary>Checks that <paramref name="size"/>, the size of dimension <paramref name="dimension"/> passed as the argument named <paramref name="parameter"/>, is not negative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Dimension(int size, string parameter, string dimension)
    {
        if (size < 0) ThrowNegative(size, parameter, dimension);
    }

    /// <summary>Checks that a span of a tensor with the given shape has exactly <paramref name="expected"/> elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Length(int length, long expected, string parameter, string shape, params int[] sizes)
    {
        if (length != expected) ThrowLength(length, expected, parameter, shape, sizes);
    }

    // Overloads without a params array, so the common ranks allocate nothing on the success path.
    /// <summary>As <see cref="Length(int, long, string, string, int[])"/> for a rank-1 shape, allocating nothing when the length is right.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Length(int length, long expected, string parameter, string shape, int d0)
    {
        if (length != expected) ThrowLength(length, expected, parameter, shape, new[] { d0 });
    }

    /// <summary>As <see cref="Length(int, long, string, string, int[])"/> for a rank-2 shape, allocating nothing when the length is right.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Length(int length, long expected, string parameter, string shape, int d0, int d1)
    {
        if (length != expected) ThrowLength(length, expected, parameter, shape, new[] { d0, d1 });
    }

    /// <summary>As <see cref="Length(int, long, string, string, int[])"/> for a rank-3 shape, allocating nothing when the length is right.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Length(int length, long expected, string parameter, string shape, int d0, int d1, int d2)
    {
        if (length != expected) ThrowLength(length, expected, parameter, shape, new[] { d0, d1, d2 });
    }

    /// <summary>Checks that every label lies in [0, classes).</summary>
    public static void Labels(ReadOnlySpan<int> labels, string parameter, int classes, string classDimension)
    {
        // One unsigned comparison per label catches both negative values and values ≥ classes.
        for (var i = 0; i < labels.Length; i++)
            if ((uint)labels[i] >= (uint)classes) ThrowLabel(labels[i], i, parameter, classes, classDimension);
    }

    /// <summary>A Mean over an empty dimension is 0/0: refuse it rather than return NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NonEmpty(int size, string parameter, string dimension)
    {
        if (size == 0)
            throw new ArgumentException($"The loss averages over {dimension}, so {dimension} must be at least 1, but {parameter} = 0.", parameter);
    }

    /// <summary>
    /// A hyper-parameter (a margin Δ, a Huber δ, a penalty's β) must be finite: NaN or ±∞ would make
    /// the value and every gradient element NaN or ±∞ without a word. A float argument widens to
    /// double exactly, so one overload serves both element types.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Finite(double value, string parameter)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"Hyper-parameter {parameter} must be finite, but {parameter} = {value}.", parameter);
    }

    private static void ThrowNegative(int size, string parameter, string dimension) =>
        throw new ArgumentException($"Dimension {dimension} must not be negative, but {parameter} = {size}.", parameter);

    private static void ThrowLength(int length, long expected, string parameter, string shape, int[] sizes) =>
        throw new ArgumentException(
            $"'{parameter}' has length {length}, but its shape {shape} = [{string.Join(", ", sizes)}] needs {expected} elements.",
            parameter);

    private static void ThrowLabel(int label, int index, string parameter, int classes, string classDimension) =>
        throw new ArgumentException(
            $"{parameter}[{index}] = {label} is not a class index: labels must lie in [0, {classDimension}) with {classDimension} = {classes}.",
            parameter);
}
