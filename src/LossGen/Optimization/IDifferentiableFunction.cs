using System;

namespace LossGen.Optimization;

/// <summary>
/// An objective for full-batch optimizers: its value and gradient at a point, in double.
/// </summary>
/// <remarks>
/// <para>
/// Optimizers take implementations as a <c>struct</c> type parameter
/// (<c>where TFunc : struct, IDifferentiableFunction</c>), so the JIT compiles one copy of the
/// optimizer per objective and calls <see cref="ValueAndGradient"/> directly, with no interface
/// dispatch and no boxing. Objectives are passed by <c>ref</c>, so a struct may keep counters or
/// scratch buffers in its fields and see them after the optimizer returns.
/// </para>
/// <para>
/// There is deliberately no float variant. L-BFGS compares function values that differ in their
/// last few significant digits (the Wolfe conditions, the curvature pair sᵀy), and float's
/// 7 digits make those comparisons noise long before the optimum is reached. A float kernel is
/// used by wrapping it in a small struct that converts <c>x</c> to a float buffer and widens the
/// gradient back; that costs O(n) per evaluation, negligible next to the kernel's O(N·n).
/// </para>
/// </remarks>
public interface IDifferentiableFunction
{
    /// <summary>
    /// Returns f(<paramref name="x"/>) and writes ∇f(<paramref name="x"/>) into
    /// <paramref name="gradient"/>, which has the same length as <paramref name="x"/>.
    /// </summary>
    /// <remarks>
    /// Returning NaN or ±∞ (or writing a non-finite gradient) is allowed: optimizers detect it and
    /// stop with a reason rather than continuing from a meaningless point.
    /// </remarks>
    double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient);
}
