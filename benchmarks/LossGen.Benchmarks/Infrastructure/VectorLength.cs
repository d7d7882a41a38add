using System.Collections.Generic;

namespace LossGen.Benchmarks.Infrastructure;

/// <summary>
/// A flat length (P parameters, or array elements). A record rather than a bare int so every suite's
/// size parameter is an <see cref="IElementCount"/> named Size, and a joined table has one Size
/// column instead of one column per suite.
/// </summary>
public sealed record VectorLength(int P) : IElementCount
{
    /// <summary>The optimizer sizes: 1M parameters (state fits in L3 with room to spare: 16 MB) and 16M (256 MB, DRAM).</summary>
    public static IEnumerable<VectorLength> Optimizer { get; } = [new(1 << 20), new(1 << 24)];

    public long Elements => P;

    public override string ToString() => P.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
