using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace LossGen.CompilerServices;

/// <summary>Throws kept out of line so the inlined lane members stay small.</summary>
internal static class LaneThrow
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static T UnknownComparison<T>(IndexComparison op) =>
        throw new ArgumentOutOfRangeException(nameof(op), op, "Not an IndexComparison value.");
}
