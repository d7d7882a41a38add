using System;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace LossGen.CompilerServices;

/// <summary>
/// A job that runs in independent parts: part <c>p</c> reads shared inputs and writes outputs no
/// other part writes, so the result does not depend on which thread runs which part or in what order.
/// Generated optimizer steps implement it with a ref struct over their spans.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public interface IParallelParts
{
    /// <summary>Runs part <paramref name="part"/> of the job.</summary>
    void Run(int part);
}

/// <summary>
/// The threads LossGen's kernels split work over: <see cref="Parallelism.MaxDegree"/> − 1 background
/// workers, started on first use, and the calling thread, which always takes parts too.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="System.Threading.Tasks.Parallel.For(int, int, Action{int})"/> allocates a closure, tasks
/// and a state object per call, and a span cannot be captured by one anyway. Here a job is a struct on
/// the caller's stack over pinned buffers; the pool holds a pointer to it and to a static trampoline,
/// so a call allocates nothing.
/// </para>
/// <para>
/// Parts are claimed from one 64-bit counter whose high half is the job's generation and low half the
/// next part, so a worker that wakes late can neither run a part of a finished job nor a part twice:
/// it reads the job only after its claim succeeded, and the caller does not publish the next job
/// before every claimed part has finished. The caller claims parts like any worker, so a worker that
/// is slow to wake costs nothing but its share; a job that arrives while another runs (another thread
/// of the user's, or a kernel called from inside a part) runs inline on its caller.
/// </para>
/// <para>
/// Workers spin briefly after a job, because a training step issues several jobs microseconds apart,
/// then block on a monitor until the next one.
/// </para>
/// </remarks>
internal static unsafe class WorkerPool
{
    /// <summary>Spin iterations a worker waits for the next job before it blocks (tens of microseconds).</summary>
    private const int IdleSpins = 20_000;

    private static readonly object gate = new();
    private static Thread[] workers = [];
    private static int busy;

    // The published job; written only by the caller that holds `busy`, before its generation is published.
    private static delegate*<void*, int, void> body;
    private static void* state;
    private static long jobWord; // the job's generation (high half) and its number of parts (low half)
    private static long claims;
    private static int finished;
    private static long generation;
    private static int sleepers;
    private static ExceptionDispatchInfo? failure;

    [ThreadStatic] private static bool isWorker;

    /// <summary>
    /// Runs every part of <paramref name="job"/>, on up to <paramref name="degree"/> threads, and returns
    /// when all have finished; rethrows the first exception a part threw.
    /// </summary>
    /// <remarks>
    /// <typeparamref name="TJob"/> may be a ref struct holding spans: it stays on the caller's stack,
    /// which the caller does not leave until every part has finished, and a worker copies a span out
    /// of it into its own frame, where the GC tracks it like any other.
    /// </remarks>
    public static void Run<TJob>(ref TJob job, int partCount, int degree)
        where TJob : IParallelParts, allows ref struct
    {
        if (partCount <= 0) return;
        if (partCount == 1 || degree <= 1 || isWorker || Interlocked.CompareExchange(ref busy, 1, 0) != 0)
        {
            RunInline(ref job, partCount);
            return;
        }

        try
        {
            EnsureWorkers(degree - 1);
            // A copy on this frame: the stack does not move, so the workers may hold its address.
            TJob local = job;
            body = &Invoke<TJob>;
            state = Unsafe.AsPointer(ref local);
            finished = 0;
            failure = null;
            // The job, then its claims, then the wake-up: a worker that sees the generation finds claims
            // for it, and a claim of it finds the job's part count beside the same generation.
            long published = Volatile.Read(ref generation) + 1;
            Volatile.Write(ref jobWord, published << 32 | (uint)partCount);
            Interlocked.Exchange(ref claims, published << 32);
            // A full fence: the read of the sleepers below must not move above this write.
            Interlocked.Exchange(ref generation, published);
            if (Volatile.Read(ref sleepers) > 0)
            {
                lock (gate) Monitor.PulseAll(gate);
            }

            ClaimAndRun();
            var wait = new SpinWait();
            while (Volatile.Read(ref finished) < partCount) wait.SpinOnce(sleep1Threshold: -1);

            body = null;
            state = null;
            failure?.Throw();
        }
        finally
        {
            Volatile.Write(ref busy, 0);
        }
    }

    /// <summary>
    /// How many parts to cut <paramref name="units"/> (tiles, rows, vectors) into for <paramref name="degree"/>
    /// threads: 1 when the work is below <paramref name="minimumWork"/> (waking a worker costs microseconds)
    /// or there is one thread or one unit; otherwise two per thread, so a worker that wakes late leaves the
    /// caller one part more, not half the job.
    /// </summary>
    public static int Parts(long work, long minimumWork, int units, int degree)
    {
        if (degree <= 1 || work < minimumWork || units <= 1) return 1;
        return Math.Min(units, 2 * degree);
    }

    /// <summary>Units per part in whole tiles of <paramref name="tile"/>, so every part but the last is tile-aligned.</summary>
    public static int PerPart(int count, int parts, int tile)
    {
        int tiles = (count + tile - 1) / tile;
        return (tiles + parts - 1) / parts * tile;
    }

    /// <summary>Every part in order on this thread; as on the pool, a part that throws does not stop the others.</summary>
    private static void RunInline<TJob>(ref TJob job, int partCount)
        where TJob : IParallelParts, allows ref struct
    {
        ExceptionDispatchInfo? first = null;
        for (int part = 0; part < partCount; part++)
        {
            try
            {
                job.Run(part);
            }
            catch (Exception exception)
            {
                first ??= ExceptionDispatchInfo.Capture(exception);
            }
        }
        first?.Throw();
    }

    /// <summary>The number of background workers started so far (at most <see cref="Parallelism.MaxDegree"/> − 1 ever asked for).</summary>
    internal static int WorkerCount => Volatile.Read(ref workers).Length;

    private static void Invoke<TJob>(void* job, int part)
        where TJob : IParallelParts, allows ref struct
        => Unsafe.AsRef<TJob>(job).Run(part);

    /// <summary>Claims parts of the current job until none is left; a claim's generation names its job.</summary>
    private static void ClaimAndRun()
    {
        while (true)
        {
            long claim = Interlocked.Increment(ref claims);
            long current = Volatile.Read(ref jobWord);
            int part = (int)(claim & 0xFFFF_FFFF) - 1;
            // A claim on a finished job's counter (it was past its last part), or past this job's last part.
            if (claim >> 32 != current >> 32 || part >= (int)(current & 0xFFFF_FFFF)) return;
            try
            {
                body(state, part);
            }
            catch (Exception exception)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(exception), null);
            }
            Interlocked.Increment(ref finished);
        }
    }

    private static void EnsureWorkers(int wanted)
    {
        if (workers.Length >= wanted) return;
        lock (gate)
        {
            if (workers.Length >= wanted) return;
            var grown = new Thread[wanted];
            workers.CopyTo(grown, 0);
            for (int i = workers.Length; i < wanted; i++)
            {
                grown[i] = new Thread(WorkerLoop) { IsBackground = true, Name = "LossGen worker " + (i + 1) };
                grown[i].Start();
            }
            Volatile.Write(ref workers, grown);
        }
    }

    private static void WorkerLoop()
    {
        isWorker = true;
        long seen = Volatile.Read(ref generation);
        while (true)
        {
            long current = WaitForJob(seen);
            seen = current;
            ClaimAndRun();
        }
    }

    /// <summary>Spins, then blocks, until a generation newer than <paramref name="seen"/> is published.</summary>
    private static long WaitForJob(long seen)
    {
        for (int spin = 0; spin < IdleSpins; spin++)
        {
            long current = Volatile.Read(ref generation);
            if (current != seen) return current;
            Thread.SpinWait(8);
        }
        lock (gate)
        {
            // Counted before the check, so a caller that publishes after it sees a sleeper and pulses.
            Interlocked.Increment(ref sleepers);
            try
            {
                long current;
                while ((current = Volatile.Read(ref generation)) == seen) Monitor.Wait(gate);
                return current;
            }
            finally
            {
                Interlocked.Decrement(ref sleepers);
            }
        }
    }
}
