using System;
using System.Collections.Generic;

namespace LossGen.Checking;

/// <summary>
/// Picks the coordinates of a sparse check: <c>k</c> distinct flat indices out of <c>n</c>,
/// reproducible from a seed on every runtime (so it does not rely on <see cref="Random"/>, whose
/// sequence is not a documented contract).
/// </summary>
public static class CoordinateSampler
{
    /// <summary>
    /// <paramref name="count"/> distinct indices in <c>[0, length)</c>, ascending; all of them when
    /// <paramref name="count"/> ≥ <paramref name="length"/>.
    /// </summary>
    public static int[] Sample(int length, int count, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count >= length)
        {
            var all = new int[length];
            for (int i = 0; i < length; i++)
                all[i] = i;
            return all;
        }

        // Floyd's method: k draws, each from a range that grows by one, so the work and memory are
        // O(k) however large the parameter vector is, and no index is picked twice.
        var chosen = new HashSet<int>(count);
        ulong state = seed;
        for (int j = length - count; j < length; j++)
        {
            int t = (int)Below(ref state, (ulong)j + 1);
            chosen.Add(chosen.Contains(t) ? j : t);
        }

        var result = new int[count];
        chosen.CopyTo(result);
        Array.Sort(result);
        return result;
    }

    /// <summary>A uniform integer in <c>[0, bound)</c>, by rejection so no value is favoured.</summary>
    private static ulong Below(ref ulong state, ulong bound)
    {
        ulong limit = ulong.MaxValue - (ulong.MaxValue % bound);
        while (true)
        {
            ulong r = Next(ref state);
            if (r < limit)
                return r % bound;
        }
    }

    /// <summary>SplitMix64: a 64-bit counter passed through an invertible mixing function.</summary>
    private static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
