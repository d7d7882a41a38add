using System;

namespace LossGen.Training;

/// <summary>
/// A small seeded generator (SplitMix64) whose whole position is one 64-bit word, so a checkpoint
/// can store it and a resumed run draws exactly the numbers the uninterrupted run would have;
/// <see cref="Random"/> cannot be saved and its seeded sequence is not promised across versions.
/// </summary>
public struct TrainingRandom
{
    private ulong _state;

    /// <summary>A generator at position <paramref name="seed"/>.</summary>
    /// <param name="seed">The seed, or a saved <see cref="State"/> to continue its sequence.</param>
    public TrainingRandom(ulong seed) => _state = seed;

    /// <summary>The generator's position; constructing from it continues the same sequence.</summary>
    public readonly ulong State => _state;

    /// <summary>The next 64 uniformly distributed bits (one SplitMix64 step), advancing the position.</summary>
    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, bound) with no modulo bias (multiply-high with rejection).</summary>
    public int NextInt(int bound)
    {
        if (bound <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bound), bound, "The bound must be positive.");
        }

        ulong range = (ulong)bound;
        // Values of the low word below this threshold would make some results one more likely.
        ulong threshold = (0UL - range) % range;
        while (true)
        {
            ulong high = Math.BigMul(NextUInt64(), range, out ulong low);
            if (low >= threshold)
            {
                return (int)high;
            }
        }
    }

    /// <summary>Fisher–Yates: every permutation equally likely.</summary>
    public void Shuffle(Span<int> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
