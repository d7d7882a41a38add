using System;

namespace LossGen.CompilerServices;

/// <summary>
/// A batch's rows copied from a row-major source on several threads, split by target rows (each
/// thread copies whole rows; the bytes are the same whoever copies them). A shuffled CIFAR-shaped
/// batch is 500 rows of 12 KB, read from anywhere in a 600 MB set: one core does not saturate the memory.
/// </summary>
internal static unsafe class RowGather
{
    /// <summary>Bytes below which the copy stays on the calling thread.</summary>
    internal const long MinimumParallelBytes = 1L << 19;

    /// <summary>How many parts to copy <paramref name="rows"/> rows of <paramref name="bytes"/> in all as, on <paramref name="degree"/> threads.</summary>
    public static int Parts(long bytes, int rows, int degree) => WorkerPool.Parts(bytes, MinimumParallelBytes, rows, degree);

    /// <summary>Copies row <c>rows[i]</c> of the source (at <paramref name="source"/>) to row i of the target in <paramref name="parts"/> parts; the rows are checked by the caller.</summary>
    public static void Run(ref byte source, int rowBytes, ReadOnlySpan<int> rows, ref byte target, int parts, int degree)
    {
        fixed (byte* from = &source, to = &target)
        fixed (int* indices = rows)
        {
            var job = new Job
            {
                Source = from, Target = to, Rows = indices, RowBytes = rowBytes, RowCount = rows.Length,
                RowsPerPart = WorkerPool.PerPart(rows.Length, parts, 1),
            };
            WorkerPool.Run(ref job, parts, degree);
        }
    }

    private struct Job : IParallelParts
    {
        public byte* Source, Target;
        public int* Rows;
        public int RowBytes, RowCount, RowsPerPart;

        public void Run(int part)
        {
            int first = part * RowsPerPart;
            int end = Math.Min(RowCount, first + RowsPerPart);
            for (int i = first; i < end; i++)
                Buffer.MemoryCopy(Source + (long)Rows[i] * RowBytes, Target + (long)i * RowBytes, RowBytes, RowBytes);
        }
    }
}
