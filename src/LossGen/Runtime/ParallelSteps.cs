using System;
using System.ComponentModel;
using System.Numerics;

namespace LossGen.CompilerServices;

/// <summary>
/// What a generated optimizer step calls to run on several threads: how many chunks to cut its
/// weights into, how long each is, and the call that runs them (see <see cref="Parallelism"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ParallelSteps
{
    /// <summary>Weights below which a step stays on the calling thread.</summary>
    internal const int MinimumParallelWeights = 1 << 17;

    /// <summary>The number of chunks for a step over <paramref name="weights"/> weights: 1 when small or on one thread, else two per thread.</summary>
    public static int Parts<V, T>(int weights)
        where V : struct, ILanes<V, T>
        where T : unmanaged, INumberBase<T>
        => WorkerPool.Parts(weights, MinimumParallelWeights, weights / V.Count, Parallelism.CurrentDegree);

    /// <summary>Elements per chunk, a whole number of vectors, so only the last chunk has a masked tail.</summary>
    public static int Chunk<V, T>(int weights, int parts)
        where V : struct, ILanes<V, T>
        where T : unmanaged, INumberBase<T>
        => WorkerPool.PerPart(weights, parts, V.Count);

    /// <summary>Runs every part of <paramref name="job"/> and returns when all have finished.</summary>
    public static void Run<TJob>(ref TJob job, int parts)
        where TJob : IParallelParts, allows ref struct
        => WorkerPool.Run(ref job, parts, Parallelism.CurrentDegree);
}
