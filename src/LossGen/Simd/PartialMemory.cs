using System.Runtime.CompilerServices;

namespace LossGen.CompilerServices;

/// <summary>
/// Element-by-element partial loads and stores: the portable fallback used when the hardware has no
/// masked memory instruction for a width (no AVX/AVX-512, e.g. Arm64) and a full load could run past
/// the span. Goes through a local vector rather than <c>stackalloc</c>, because a method with
/// <c>stackalloc</c> is never inlined.
/// </summary>
internal static class PartialMemory
{
    /// <summary>A vector whose lanes [0, count) come from <paramref name="source"/> and the rest are zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Load<TVector, T>(ref T source, int count)
        where TVector : struct
        where T : unmanaged
    {
        TVector result = default;
        ref T lanes = ref Unsafe.As<TVector, T>(ref result);
        for (int i = 0; i < count; i++)
        {
            Unsafe.Add(ref lanes, i) = Unsafe.Add(ref source, i);
        }
        return result;
    }

    /// <summary>Writes lanes [0, count) of <paramref name="value"/> and nothing else.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<TVector, T>(ref T destination, int count, TVector value)
        where TVector : struct
        where T : unmanaged
    {
        ref T lanes = ref Unsafe.As<TVector, T>(ref value);
        for (int i = 0; i < count; i++)
        {
            Unsafe.Add(ref destination, i) = Unsafe.Add(ref lanes, i);
        }
    }
}
