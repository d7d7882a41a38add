using System;
using System.Collections.Generic;
using System.Diagnostics;
using LossGen.Benchmarks.Suites;

namespace LossGen.Benchmarks.Experiments;

/// <summary>
/// <c>--stopwatch-linear [rounds]</c>: the generated rows of the LinearModel suite on one and on two
/// threads, timed round-robin in one process (so load from other processes slows both alike): the
/// minimum and median time per step over the rounds, and the speed-up of two threads.
/// </summary>
internal static class LinearModelStopwatch
{
    public static int Run(int rounds)
    {
        Console.WriteLine($"LinearModel generated rows, 1 vs 2 threads round-robin, {rounds} rounds: min and median µs per step");
        foreach (var shape in LinearModelBenchmarks.Shapes)
        {
            var bench = new LinearModelBenchmarks { Size = shape };
            bench.Setup();
            var rows = new (string Name, int Threads, Func<float> Call)[]
            {
                ("GeneratedSoftmax", 1, bench.GeneratedSoftmax),
                ("GeneratedSoftmax", 2, bench.GeneratedSoftmax),
                ("GeneratedSvm", 1, bench.GeneratedSvm),
                ("GeneratedSvm", 2, bench.GeneratedSvm),
                ("HandBlocked", 1, bench.HandBlocked),
            };
            var calls = new int[rows.Length];
            for (int k = 0; k < rows.Length; k++)
            {
                Parallelism.MaxDegree = rows[k].Threads;
                for (int i = 0; i < 30; i++) rows[k].Call();
                long start = Stopwatch.GetTimestamp();
                rows[k].Call();
                double once = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                calls[k] = Math.Clamp((int)(2000 / Math.Max(once, 1e-3)), 1, 1000);
            }
            var samples = new List<double>[rows.Length];
            for (int k = 0; k < rows.Length; k++) samples[k] = new List<double>(rounds);
            for (int r = 0; r < rounds; r++)
            {
                for (int k = 0; k < rows.Length; k++)
                {
                    Parallelism.MaxDegree = rows[k].Threads;
                    long start = Stopwatch.GetTimestamp();
                    for (int i = 0; i < calls[k]; i++) rows[k].Call();
                    samples[k].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds / calls[k]);
                }
            }
            var medians = new double[rows.Length];
            for (int k = 0; k < rows.Length; k++)
            {
                samples[k].Sort();
                medians[k] = samples[k][samples[k].Count / 2];
                double speedUp = rows[k].Threads == 2 ? medians[k - 1] / medians[k] : 1;
                Console.WriteLine($"{shape,-13} {rows[k].Name,-17} {rows[k].Threads} thread(s)  min {samples[k][0],9:F1} µs  median {medians[k],9:F1} µs" +
                    (rows[k].Threads == 2 ? $"  1→2 threads ×{speedUp:F2}" : ""));
            }
        }
        Parallelism.MaxDegree = Environment.ProcessorCount;
        return 0;
    }
}
