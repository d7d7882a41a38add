using System;
using System.Collections.Immutable;

namespace LossGen.Checking;

/// <summary>
/// One named, differentiable input of a function under check (say <c>W</c> of shape
/// <c>(D, C)</c>), stored row-major (the last index varies fastest, as in numpy and PyTorch).
/// </summary>
public sealed class ParameterBlock
{
    /// <param name="name">The name reports use, e.g. <c>W</c>.</param>
    /// <param name="shape">The dimensions; empty for a scalar.</param>
    public ParameterBlock(string name, params int[] shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(shape);
        long length = 1;
        for (int d = 0; d < shape.Length; d++)
        {
            if (shape[d] < 0)
                throw new ArgumentException($"Dimension {d} of block '{name}' is {shape[d]}; dimensions must be non-negative.", nameof(shape));
            length *= shape[d];
            if (length > int.MaxValue)
                throw new ArgumentException($"Block '{name}' has more than {int.MaxValue} elements.", nameof(shape));
        }

        Name = name;
        Shape = ImmutableArray.Create(shape);
        Length = (int)length;
    }

    /// <summary>The name reports use, e.g. <c>W</c>; unique within a layout.</summary>
    public string Name { get; }

    /// <summary>The dimensions, outermost first; empty for a scalar.</summary>
    public ImmutableArray<int> Shape { get; }

    /// <summary>The number of elements (the product of the dimensions; 1 for a scalar).</summary>
    public int Length { get; }

    /// <summary>The multi-index of element <paramref name="offset"/> of this block, row-major.</summary>
    public ImmutableArray<int> IndexOf(int offset)
    {
        if ((uint)offset >= (uint)Length)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"Block '{Name}' has {Length} elements.");
        var index = new int[Shape.Length];
        for (int d = Shape.Length - 1; d >= 0; d--)
        {
            index[d] = offset % Shape[d];
            offset /= Shape[d];
        }

        return ImmutableArray.Create(index);
    }

    /// <summary>The name and shape, e.g. <c>W(3, 4)</c>.</summary>
    public override string ToString() => $"{Name}({string.Join(", ", Shape)})";
}
