using System;
using System.Diagnostics;
using LossGen.Benchmarks.Infrastructure;
using LossGen.Benchmarks.Peers;

namespace LossGen.Benchmarks.Experiments;

/// <summary>
/// <c>--stopwatch-argmax [repetitions]</c>: the minimum time of one Crammer–Singer ValueAndGradient
/// call, float and double, generated and naive, over many repetitions (round-robin, so load from
/// other processes slows every row alike). For before/after comparisons of the arg-max recording loop.
/// </summary>
internal static class ArgMaxStopwatch
{
    public static int Run(int repetitions)
    {
        Console.WriteLine($"Crammer-Singer ValueAndGradient, min of {repetitions} repetitions, µs per call (one thread)");
        foreach (var (n, c) in new[] { (4096, 10), (4096, 100), (16384, 100), (65536, 10), (1024, 1000) })
        {
            float[] s = InputData.Normal(n * c, seed: 1);
            int[] y = InputData.Labels(n, c, seed: 2);
            double[] sd = Array.ConvertAll(s, v => (double)v);
            var (ds, dsd) = (new float[n * c], new double[n * c]);
            var rows = new (string Name, Action Call)[]
            {
                ("Generated float", () => CrammerSingerLoss.ValueAndGradient(s, y, n, c, ds)),
                ("Generated double", () => CrammerSingerLoss.ValueAndGradient(sd, y, n, c, dsd)),
                ("Naive float", () => CrammerSingerNaive.ValueAndGradient(s, y, n, c, ds)),
            };
            foreach (var (_, call) in rows) { call(); call(); }
            var best = new double[rows.Length];
            Array.Fill(best, double.MaxValue);
            for (int r = 0; r < repetitions; r++)
            {
                for (int k = 0; k < rows.Length; k++)
                {
                    long start = Stopwatch.GetTimestamp();
                    rows[k].Call();
                    best[k] = Math.Min(best[k], Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                }
            }
            for (int k = 0; k < rows.Length; k++)
                Console.WriteLine($"N={n,6} C={c,5}  {rows[k].Name,-18} {best[k],9:F1} µs");
        }
        return 0;
    }
}
