using System;

namespace LossGen.Checking;

/// <summary>
/// A differentiable scalar function of one flat span of parameters, as the gradient checker sees
/// it. Generated losses implement this on a struct, so a check is specialised by the JIT and
/// allocates nothing per evaluation.
/// </summary>
/// <typeparam name="T">The element type the function computes in (<see cref="float"/> or <see cref="double"/>).</typeparam>
/// <remarks>
/// Several differentiable inputs (say <c>W</c> and <c>b</c>) are laid end to end in the span; a
/// <see cref="ParameterLayout"/> names the blocks so a report can say <c>W[3, 7]</c>. Constant
/// inputs (data, labels) belong in the implementing struct's fields, not in the span.
/// </remarks>
public interface IGradientFunction<T>
    where T : unmanaged
{
    /// <summary>The function value at <paramref name="x"/>.</summary>
    T Value(ReadOnlySpan<T> x);

    /// <summary>
    /// The function value at <paramref name="x"/>, and its gradient written to
    /// <paramref name="gradient"/> (same length as <paramref name="x"/>).
    /// </summary>
    /// <remarks>
    /// Every element of <paramref name="gradient"/> must be written: the checker fills the buffer
    /// with NaN beforehand (see <see cref="GradCheckOptions.PoisonGradient"/>), so an element the
    /// function forgets shows up as a failure rather than as a lucky zero.
    /// </remarks>
    T ValueAndGradient(ReadOnlySpan<T> x, Span<T> gradient);
}
