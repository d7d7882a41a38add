using System;
using System.ComponentModel;

namespace LossGen.CompilerServices;

/// <summary>
/// Scratch arrays for the generated kernels and the contraction kernels, kept per thread, so a
/// thread that has run a kernel once runs it again without allocating, whatever other threads do.
/// </summary>
/// <remarks>
/// <see cref="System.Buffers.ArrayPool{T}.Shared"/> keeps a few arrays per thread too, but past those
/// its arrays go through stacks shared by every thread on a core, and it trims them after a gen-2
/// collection: with other threads renting the same sizes, a training step allocated after warm-up
/// (TrainerAllocationTests, under the parallel test run). Here the arrays a thread returns stay with
/// that thread — up to <see cref="Slots"/> of them, the largest kept when more come back — and a rent
/// takes the smallest one that is long enough. The arrays are never cleared: a kernel writes every
/// element it reads.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Scratch<T>
    where T : unmanaged
{
    /// <summary>
    /// More than a kernel holds at once: a contraction step's products and their gradients, the loss
    /// kernel's rows and tiles, and the contraction kernels' packed operands.
    /// </summary>
    private const int Slots = 16;

    [ThreadStatic] private static T[]?[]? kept;

    /// <summary>An array of at least <paramref name="minimumLength"/> elements (and at least one), contents unspecified.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimumLength"/> is negative.</exception>
    public static T[] Rent(int minimumLength)
    {
        if (minimumLength < 0)
            throw new ArgumentOutOfRangeException(nameof(minimumLength), minimumLength, "A scratch length cannot be negative.");
        var slots = kept ??= new T[Slots][];
        int best = -1;
        for (int i = 0; i < slots.Length; i++)
        {
            var array = slots[i];
            if (array is not null && array.Length >= minimumLength && (best < 0 || array.Length < slots[best]!.Length))
                best = i;
        }
        if (best < 0) return GC.AllocateUninitializedArray<T>(Math.Max(1, minimumLength));
        var found = slots[best]!;
        slots[best] = null;
        return found;
    }

    /// <summary>Gives an array from <see cref="Rent"/> back to this thread's scratch.</summary>
    public static void Return(T[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        var slots = kept ??= new T[Slots][];
        int smallest = -1;
        for (int i = 0; i < slots.Length; i++)
        {
            var held = slots[i];
            if (held is null)
            {
                slots[i] = array;
                return;
            }
            if (smallest < 0 || held.Length < slots[smallest]!.Length) smallest = i;
        }
        // Full: keep the larger arrays, which serve every smaller request too.
        if (array.Length > slots[smallest]!.Length) slots[smallest] = array;
    }
}
