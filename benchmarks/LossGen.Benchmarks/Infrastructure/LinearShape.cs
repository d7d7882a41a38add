using System;

namespace LossGen.Benchmarks.Infrastructure;

/// <summary>A linear model's mini-batch: N rows of D features, C classes. Printed NxDxC.</summary>
public sealed record LinearShape(int N, int D, int C) : IComparable
{
    /// <summary>Floating-point operations of one ValueAndGradient's two products (forward XW and dW = XᵀdS): 4·N·D·C.</summary>
    public double Flops => 4.0 * N * D * C;

    public int CompareTo(object? obj) => obj is LinearShape o ? ((long)N * D * C).CompareTo((long)o.N * o.D * o.C) : 1;

    public override string ToString() => $"{N}x{D}x{C}";
}
