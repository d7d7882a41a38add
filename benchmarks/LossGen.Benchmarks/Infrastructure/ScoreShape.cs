using System;
using System.Collections.Generic;

namespace LossGen.Benchmarks.Infrastructure;

/// <summary>
/// An N×C score matrix size. N and C vary together (the three shapes are not a cartesian product),
/// so they travel as one parameter; <see cref="IElementCount"/> lets the ns/element column divide by N·C.
/// </summary>
public sealed record ScoreShape(int N, int C) : IElementCount, IComparable
{
    /// <summary>The sizes the loss benchmarks run: few classes / many rows through many classes / few rows.</summary>
    public static IEnumerable<ScoreShape> Standard { get; } =
    [
        new(65536, 10),
        new(16384, 100),
        new(2048, 1000),
    ];

    public long Elements => (long)N * C;

    // BenchmarkDotNet sorts parameter values with IComparable when they have it (by ToString
    // otherwise, which puts "16384x100" before "2048x1000"); order by size instead.
    public int CompareTo(object? obj) => ElementOrder.Compare(this, obj);

    // BenchmarkDotNet prints parameters with ToString; "65536x10" reads better than the record default.
    public override string ToString() => $"{N}x{C}";
}

/// <summary>A benchmark parameter that knows how many elements (scores, parameters) one invocation touches.</summary>
public interface IElementCount
{
    long Elements { get; }
}

/// <summary>Orders <see cref="IElementCount"/> parameters by element count, then by label for equal counts.</summary>
internal static class ElementOrder
{
    public static int Compare(IElementCount self, object? other) => other is IElementCount counted
        ? self.Elements != counted.Elements
            ? self.Elements.CompareTo(counted.Elements)
            : string.CompareOrdinal(self.ToString(), counted.ToString())
        : 1;
}
