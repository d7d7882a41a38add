using System.Collections.Immutable;

namespace LossGen.Checking;

/// <summary>
/// One scalar parameter, named for a human: the block it belongs to and its multi-index there,
/// plus its position in the flat span the function receives.
/// </summary>
public readonly record struct Coordinate(int FlatIndex, string Block, ImmutableArray<int> Index)
{
    /// <summary><c>W[3, 7]</c>; a scalar block prints as its bare name.</summary>
    public override string ToString() =>
        Index.IsDefaultOrEmpty ? Block : $"{Block}[{string.Join(", ", Index)}]";
}
