using System;
using System.Collections.Generic;

namespace LossGen.Benchmarks.Infrastructure;

/// <summary>
/// A flat length (P parameters, or array elements). A record rather than a bare int so every suite's
/// size parameter is an <see cref="IElementCount"/> named Size, and a joined table has one Size
/// column instead of one column per suite.
/// </summary>
public sealed record VectorLength(int P) : IElementCount, IComparable
{
    /// <summary>The optimizer sizes: 1M parameters (state fits in L3 with room to spare: 16 MB) and 16M (256 MB, DRAM).</summary>
    public static IEnumerable<VectorLength> Optimizer { get; } = [new(1 << 20), new(1 << 24)];

    public long Elements => P;

    public int CompareTo(object? obj) => ElementOrder.Compare(this, obj);

    public override string ToString() => P.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A bandwidth-reference size that mirrors another suite's size (same label, same element count).
/// One wrapper type rather than a mix of <see cref="ScoreShape"/> and <see cref="VectorLength"/>:
/// BenchmarkDotNet only uses IComparable between values of the same type and falls back to text order
/// otherwise.
/// </summary>
public sealed record MatchedSize(IElementCount Of) : IElementCount, IComparable
{
    public long Elements => Of.Elements;

    public int CompareTo(object? obj) => ElementOrder.Compare(this, obj);

    public override string ToString() => Of.ToString() ?? string.Empty;
}
