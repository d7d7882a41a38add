using System;
using System.Collections.Generic;
using System.Diagnostics;
using LossGen.Benchmarks.Suites;

namespace LossGen.Benchmarks.Experiments;

/// <summary>
/// <c>--stopwatch-fused [rounds]</c>: the FusedStep suite's rows timed round-robin (so load from other
/// processes slows every row alike), the minimum and median time per call of each over the rounds.
/// A round times each row over enough calls to last about 0.2 ms (one call for the kernels, hundreds
/// for the optimizer steps). The cross-check for the BenchmarkDotNet medians on a loaded machine.
/// </summary>
internal static class FusedStepStopwatch
{
    public static int Run(int rounds)
    {
        Console.WriteLine($"FusedStep rows, round-robin, {rounds} rounds: min and median µs per call (one thread)");
        foreach (var shape in FusedStepBenchmarks.Shapes)
        {
            var bench = new FusedStepBenchmarks { Size = shape };
            bench.Setup();
            var rows = new (string Name, Action Call)[]
            {
                ("ValueAndGradientThenSgd", () => bench.ValueAndGradientThenSgd()),
                ("ValueAndGradient", () => bench.ValueAndGradient()),
                ("SgdStep", bench.SgdStep),
                ("AdamStep", bench.AdamStep),
                ("HandBlockedThenSgd", () => bench.HandBlockedThenSgd()),
                ("HandBlockedFusedSgd", () => bench.HandBlockedFusedSgd()),
            };
            var calls = new int[rows.Length];
            for (int k = 0; k < rows.Length; k++)
            {
                // Warm up (tier-up) and choose the calls per sample.
                for (int i = 0; i < 50; i++) rows[k].Call();
                long start = Stopwatch.GetTimestamp();
                rows[k].Call();
                double once = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                calls[k] = Math.Clamp((int)(200 / Math.Max(once, 1e-3)), 1, 10000);
            }
            var samples = new List<double>[rows.Length];
            for (int k = 0; k < rows.Length; k++) samples[k] = new List<double>(rounds);
            for (int r = 0; r < rounds; r++)
            {
                for (int k = 0; k < rows.Length; k++)
                {
                    long start = Stopwatch.GetTimestamp();
                    for (int i = 0; i < calls[k]; i++) rows[k].Call();
                    samples[k].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds / calls[k]);
                }
            }
            double stepMin = Min(samples[0]);
            for (int k = 0; k < rows.Length; k++)
            {
                double min = Min(samples[k]);
                samples[k].Sort();
                double median = samples[k][samples[k].Count / 2];
                Console.WriteLine($"{shape,-13} {rows[k].Name,-24} min {min,10:F2} µs  median {median,10:F2} µs  min/step {100 * min / stepMin,6:F2} %");
            }
        }
        return 0;
    }

    private static double Min(List<double> values)
    {
        double min = double.MaxValue;
        foreach (double v in values) min = Math.Min(min, v);
        return min;
    }
}
