using System;

namespace LossGen.Checking;

/// <summary>A function value of a span, for <see cref="DelegateGradientFunction{T}"/>.</summary>
public delegate T SpanValue<T>(ReadOnlySpan<T> x);

/// <summary>A function value of a span that also writes the gradient, for <see cref="DelegateGradientFunction{T}"/>.</summary>
public delegate T SpanValueAndGradient<T>(ReadOnlySpan<T> x, Span<T> gradient);

/// <summary>
/// Adapts two delegates to <see cref="IGradientFunction{T}"/>, for hand-written checks where
/// allocation does not matter (tests, exploration). Generated code implements the interface on a
/// struct instead.
/// </summary>
public readonly struct DelegateGradientFunction<T> : IGradientFunction<T>
    where T : unmanaged
{
    private readonly SpanValue<T> value;
    private readonly SpanValueAndGradient<T> valueAndGradient;

    /// <summary>Adapts both entry points.</summary>
    /// <param name="value">Computes the value.</param>
    /// <param name="valueAndGradient">Computes the value and writes the gradient.</param>
    /// <exception cref="ArgumentNullException">A delegate is null.</exception>
    public DelegateGradientFunction(SpanValue<T> value, SpanValueAndGradient<T> valueAndGradient)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(valueAndGradient);
        this.value = value;
        this.valueAndGradient = valueAndGradient;
    }

    /// <summary>
    /// Only <paramref name="valueAndGradient"/> is given; <see cref="Value"/> calls it with a
    /// scratch gradient buffer. Then the value-consistency part of the check is vacuous.
    /// </summary>
    public DelegateGradientFunction(SpanValueAndGradient<T> valueAndGradient)
    {
        ArgumentNullException.ThrowIfNull(valueAndGradient);
        this.valueAndGradient = valueAndGradient;
        this.value = x => valueAndGradient(x, new T[x.Length]);
    }

    /// <inheritdoc/>
    public T Value(ReadOnlySpan<T> x) => value(x);

    /// <inheritdoc/>
    public T ValueAndGradient(ReadOnlySpan<T> x, Span<T> gradient) => valueAndGradient(x, gradient);
}
