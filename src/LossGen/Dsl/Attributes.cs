using System;

namespace LossGen;

/// <summary>
/// Marks a <c>partial struct</c> whose <c>static Define(...)</c> method is a loss written in the
/// LossGen DSL. The generator emits <c>Value</c> and <c>ValueAndGradient</c> for it.
/// </summary>
[AttributeUsage(AttributeTargets.Struct, Inherited = false)]
public sealed class LossAttribute : Attribute { }

/// <summary>
/// Marks a <c>partial struct</c> whose <c>static Define(...)</c> method is a regularizer written in
/// the LossGen DSL. Compiled exactly like a <see cref="LossAttribute"/>; the distinction lets the
/// analyzer reason about what is regularized.
/// </summary>
[AttributeUsage(AttributeTargets.Struct, Inherited = false)]
public sealed class RegularizerAttribute : Attribute { }

/// <summary>
/// Marks a <c>partial struct</c> whose <c>static Define(...)</c> method is a per-element optimizer
/// update rule. <c>ref</c> parameters other than the weight are per-element state.
/// </summary>
[AttributeUsage(AttributeTargets.Struct, Inherited = false)]
public sealed class OptimizerAttribute : Attribute { }

/// <summary>Names the dimensions of a tensor parameter, outermost first: <c>[Shape("N", "C")]</c>.</summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class ShapeAttribute : Attribute
{
    /// <summary>Names the tensor's dimensions.</summary>
    /// <param name="dimensions">One name per axis, outermost first: a symbol (<c>"N"</c>) or a fixed size (<c>"1"</c>, <c>"2"</c>).</param>
    public ShapeAttribute(params string[] dimensions) => Dimensions = dimensions;

    /// <summary>The symbolic dimension names, outermost (slowest varying) first.</summary>
    public string[] Dimensions { get; }
}

/// <summary>
/// Marks a tensor parameter as a constant input (data such as <c>X</c>): no gradient is computed
/// or written for it.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class ConstAttribute : Attribute { }

/// <summary>
/// The size a symbolic dimension is expected to have in use, on a declaration:
/// <c>[Loss, DimensionSize("V", 50_000_000)]</c>. A hint for the analyzer, never checked at run
/// time: with it, LossGen can warn where a float kernel would accumulate that many terms in float
/// (LG0304).
/// </summary>
[AttributeUsage(AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class DimensionSizeAttribute : Attribute
{
    /// <summary>Declares the size <paramref name="dimension"/> is expected to have.</summary>
    /// <param name="dimension">A dimension name used in a [Shape] of the declaration.</param>
    /// <param name="expectedSize">The number of elements it is expected to have.</param>
    public DimensionSizeAttribute(string dimension, long expectedSize)
    {
        Dimension = dimension;
        ExpectedSize = expectedSize;
    }

    /// <summary>A dimension name used in a [Shape] of the declaration.</summary>
    public string Dimension { get; }

    /// <summary>The number of elements the dimension is expected to have.</summary>
    public long ExpectedSize { get; }
}
