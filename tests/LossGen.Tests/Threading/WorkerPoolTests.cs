using System;
using System.Threading;
using System.Threading.Tasks;
using LossGen.CompilerServices;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Threading;

/// <summary>
/// The pool's contract: every part of every job runs exactly once, whichever threads claim them, also
/// with several callers at once and with a job started from inside a part; a part's exception reaches
/// the caller; and a job does run on a second thread.
/// </summary>
[Collection(ParallelismCollection.Name)]
public sealed class WorkerPoolTests
{
    [Fact]
    public void Every_part_runs_exactly_once_with_concurrent_callers_and_nested_jobs()
    {
        using var degree = new DegreeOverride(3);
        const int jobsPerCaller = 2000, parts = 7;
        var failures = 0;
        Parallel.For(0, 3, caller =>
        {
            var counts = new int[parts];
            var nested = new int[parts];
            for (int j = 0; j < jobsPerCaller; j++)
            {
                Array.Clear(counts);
                Array.Clear(nested);
                var job = new CountingJob { Counts = counts, Nested = nested, Nest = j % 5 == 0 };
                WorkerPool.Run(ref job, parts, Parallelism.CurrentDegree);
                for (int p = 0; p < parts; p++)
                {
                    if (counts[p] != 1 || nested[p] != (job.Nest ? parts : 0))
                        Interlocked.Increment(ref failures);
                }
            }
        });
        failures.ShouldBe(0);
    }

    [Fact]
    public void A_part_that_throws_reaches_the_caller_after_the_other_parts_ran()
    {
        using var degree = new DegreeOverride(2);
        var counts = new int[16];
        var job = new ThrowingJob { Counts = counts, Failing = 5 };
        var e = Should.Throw<InvalidOperationException>(() => WorkerPool.Run(ref job, counts.Length, Parallelism.CurrentDegree));
        e.Message.ShouldBe("part 5");
        counts.ShouldAllBe(c => c == 1);
        // The pool is usable again afterwards.
        var again = new CountingJob { Counts = new int[4], Nested = new int[4] };
        WorkerPool.Run(ref again, 4, Parallelism.CurrentDegree);
        again.Counts.ShouldAllBe(c => c == 1);
    }

    [Fact]
    public void Parts_run_on_a_worker_thread_as_well_as_on_the_caller()
    {
        using var degree = new DegreeOverride(2);
        int caller = Environment.CurrentManagedThreadId;
        var threads = new int[32];
        bool sawWorker = false;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!sawWorker && DateTime.UtcNow < deadline)
        {
            var job = new ThreadRecordingJob { Threads = threads };
            WorkerPool.Run(ref job, threads.Length, Parallelism.CurrentDegree);
            sawWorker = Array.Exists(threads, t => t != caller && t != 0);
        }
        sawWorker.ShouldBeTrue("no part of any job ran off the calling thread within 20 s");
        WorkerPool.WorkerCount.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public void Degree_one_runs_every_part_on_the_caller_in_order()
    {
        var order = new int[10];
        var job = new OrderJob { Order = order };
        WorkerPool.Run(ref job, order.Length, degree: 1);
        order.ShouldBe([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }

    private struct CountingJob : IParallelParts
    {
        public int[] Counts, Nested;
        public bool Nest;

        public void Run(int part)
        {
            Interlocked.Increment(ref Counts[part]);
            if (Nest)
            {
                // A kernel called from inside a part: it runs inline, on this thread.
                var inner = new InnerJob { Counter = Nested, Slot = part };
                WorkerPool.Run(ref inner, Nested.Length, Parallelism.CurrentDegree);
            }
            Thread.SpinWait(50);
        }
    }

    private struct InnerJob : IParallelParts
    {
        public int[] Counter;
        public int Slot;

        public void Run(int part) => Interlocked.Increment(ref Counter[Slot]);
    }

    private struct ThrowingJob : IParallelParts
    {
        public int[] Counts;
        public int Failing;

        public void Run(int part)
        {
            Interlocked.Increment(ref Counts[part]);
            if (part == Failing) throw new InvalidOperationException($"part {part}");
        }
    }

    private struct ThreadRecordingJob : IParallelParts
    {
        public int[] Threads;

        public void Run(int part)
        {
            Threads[part] = Environment.CurrentManagedThreadId;
            Thread.SpinWait(2000);
        }
    }

    private struct OrderJob : IParallelParts
    {
        public int[] Order;
        private int next;

        public void Run(int part) => Order[part] = ++next;
    }
}
