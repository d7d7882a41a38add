using System;

namespace LossGen.Benchmarks.Infrastructure;

/// <summary>
/// The bytes a benchmark method must move between memory and the core per element if every array is
/// read or written exactly once (the ideal of a fully fused kernel): e.g. 8 for a loss that reads
/// a score and writes its gradient, 28 for Adam (read w, g, m, v; write w, m, v). The GB/s column
/// turns it into an effective bandwidth that compares directly with the Bandwidth benchmarks.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class BytesPerElementAttribute(int bytes) : Attribute
{
    public int Bytes { get; } = bytes;
}
