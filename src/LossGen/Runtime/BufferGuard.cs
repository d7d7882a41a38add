using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LossGen.CompilerServices;

/// <summary>
/// The aliasing check that generated code (a loss's <c>ValueAndGradient</c>, an optimizer's
/// <c>Step</c>) makes before it writes anything: a buffer the call writes must not share memory
/// with any other buffer of the call. The fused kernels read their inputs while they write their
/// outputs, so an output aliasing an input (a gradient <c>dW</c> over the weights <c>W</c>) would
/// silently compute from half-overwritten values.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BufferGuard
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming both buffers if they share any element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Disjoint<T>(ReadOnlySpan<T> written, string writtenParameter, ReadOnlySpan<T> other, string otherParameter)
    {
        if (written.Overlaps(other)) ThrowOverlap(writtenParameter, otherParameter);
    }

    /// <summary>
    /// The same check between buffers of different element types (a float gradient and the int
    /// labels): they are compared as byte ranges, since sharing any byte is already corruption.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Disjoint<TWritten, TOther>(ReadOnlySpan<TWritten> written, string writtenParameter, ReadOnlySpan<TOther> other, string otherParameter)
        where TWritten : unmanaged
        where TOther : unmanaged
    {
        if (MemoryMarshal.AsBytes(written).Overlaps(MemoryMarshal.AsBytes(other))) ThrowOverlap(writtenParameter, otherParameter);
    }

    private static void ThrowOverlap(string writtenParameter, string otherParameter) =>
        throw new ArgumentException(
            $"'{writtenParameter}' overlaps '{otherParameter}' in memory; every buffer the call writes needs its own storage.",
            writtenParameter);
}
