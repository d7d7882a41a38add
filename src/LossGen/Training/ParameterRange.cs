using System;

namespace LossGen.Training;

/// <summary>
/// A contiguous part of a flat parameter vector, such as the weights W of <c>[W | b]</c>: the
/// elements <c>[Offset, Offset + Length)</c>. Generated objectives expose one per differentiable
/// tensor, so a penalty can be attached to W and not to b.
/// </summary>
public readonly record struct ParameterRange
{
    /// <summary>The range <c>[offset, offset + length)</c>.</summary>
    /// <param name="offset">The first element, not negative.</param>
    /// <param name="length">The number of elements, not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, or the end is beyond <see cref="int.MaxValue"/>.</exception>
    public ParameterRange(int offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if ((long)offset + length > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(length), $"The range [{offset}, {(long)offset + length}) ends beyond int.MaxValue.");
        Offset = offset;
        Length = length;
    }

    /// <summary>The first element of the range.</summary>
    public int Offset { get; }

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>One past the last element.</summary>
    public int End => Offset + Length;

    /// <inheritdoc/>
    public override string ToString() => $"[{Offset}, {End})";
}
