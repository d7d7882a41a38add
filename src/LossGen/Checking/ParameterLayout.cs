using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace LossGen.Checking;

/// <summary>
/// How the flat span given to an <see cref="IGradientFunction{T}"/> splits into named blocks, laid
/// end to end in order. Reports use it to turn a flat position into <c>W[3, 7]</c>.
/// </summary>
public sealed class ParameterLayout
{
    private readonly int[] offsets;

    /// <summary>The blocks laid end to end, in the order given.</summary>
    /// <param name="blocks">At least one block, with distinct names.</param>
    /// <exception cref="ArgumentNullException"><paramref name="blocks"/> or one of its blocks is null.</exception>
    /// <exception cref="ArgumentException">No blocks, two blocks with the same name, or more than <see cref="int.MaxValue"/> elements in all.</exception>
    public ParameterLayout(params ParameterBlock[] blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Length == 0)
            throw new ArgumentException("A layout needs at least one block.", nameof(blocks));
        offsets = new int[blocks.Length];
        var names = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        for (int k = 0; k < blocks.Length; k++)
        {
            ArgumentNullException.ThrowIfNull(blocks[k], nameof(blocks));
            if (!names.Add(blocks[k].Name))
                throw new ArgumentException($"Two blocks are named '{blocks[k].Name}'; reports would be ambiguous.", nameof(blocks));
            offsets[k] = (int)total;
            total += blocks[k].Length;
            if (total > int.MaxValue)
                throw new ArgumentException($"The layout has more than {int.MaxValue} elements.", nameof(blocks));
        }

        Blocks = ImmutableArray.Create(blocks);
        Length = (int)total;
    }

    /// <summary>A layout of one block, for the common single-input case.</summary>
    public static ParameterLayout Single(string name, params int[] shape) => new(new ParameterBlock(name, shape));

    /// <summary>The layout used when none is given: one vector block named <c>x</c>.</summary>
    public static ParameterLayout Vector(int length) => Single("x", length);

    /// <summary>The blocks, in span order.</summary>
    public ImmutableArray<ParameterBlock> Blocks { get; }

    /// <summary>The total number of elements, which must equal the span length under check.</summary>
    public int Length { get; }

    /// <summary>Where block <paramref name="name"/> starts in the flat span.</summary>
    public int OffsetOf(string name)
    {
        for (int k = 0; k < Blocks.Length; k++)
        {
            if (Blocks[k].Name == name)
                return offsets[k];
        }

        throw new ArgumentException($"No block is named '{name}'.", nameof(name));
    }

    /// <summary>The block and multi-index of flat position <paramref name="flatIndex"/>.</summary>
    public Coordinate Locate(int flatIndex)
    {
        if ((uint)flatIndex >= (uint)Length)
            throw new ArgumentOutOfRangeException(nameof(flatIndex), flatIndex, $"The layout has {Length} elements.");

        // Blocks are few; the last block whose offset is not past the index holds it. Empty blocks
        // share their offset with the next block, so search from the end.
        int k = Blocks.Length - 1;
        while (offsets[k] > flatIndex || Blocks[k].Length == 0)
            k--;
        return new Coordinate(flatIndex, Blocks[k].Name, Blocks[k].IndexOf(flatIndex - offsets[k]));
    }

    /// <summary>The blocks joined by <c>++</c>, e.g. <c>W(3, 4) ++ b(4)</c>.</summary>
    public override string ToString() => string.Join(" ++ ", Blocks);
}
