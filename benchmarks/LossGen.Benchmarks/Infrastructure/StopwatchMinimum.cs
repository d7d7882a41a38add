using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using LossGen.Benchmarks.Peers;

namespace LossGen.Benchmarks.Infrastructure;

/// <summary>
/// <c>--stopwatch [reps]</c>: the minimum (and median, mean) time over many repetitions of each loss kernel, in ns per
/// score. On a shared, noisy machine the minimum is the run least disturbed by other work, so it is
/// reported beside BenchmarkDotNet's mean (which stays the reference). Extra arguments are class
/// counts C to time at N = 655360 / C as well (the rows-across-lanes crossover).
/// </summary>
internal static class StopwatchMinimum
{
    private delegate float Kernel(float[] s, int[] y, int n, int c, float[] ds);

    public static int Run(int reps, IEnumerable<int> extraClasses, string? only = null)
    {
        var kernels = new List<(string Suite, string Peer, Kernel Run)>
        {
            ("MulticlassSvm", "Naive", (s, y, n, c, ds) => MulticlassSvmNaive.ValueAndGradient(s, y, n, c, ds)),
            ("MulticlassSvm", "TensorPrimitivesComposed", (s, y, n, c, ds) => MulticlassSvmTensorPrimitives.ValueAndGradient(s, y, n, c, ds)),
            ("MulticlassSvm", "Generated", (s, y, n, c, ds) => LossGen.Builtins.MulticlassSvm.ValueAndGradient(s, y, n, c, ds)),
            ("SoftmaxCrossEntropy", "Naive", (s, y, n, c, ds) => SoftmaxCrossEntropyNaive.ValueAndGradient(s, y, n, c, ds)),
            ("SoftmaxCrossEntropy", "TensorPrimitivesComposed", (s, y, n, c, ds) => SoftmaxCrossEntropyTensorPrimitives.ValueAndGradient(s, y, n, c, ds)),
            ("SoftmaxCrossEntropy", "Generated", (s, y, n, c, ds) => LossGen.Builtins.SoftmaxCrossEntropy.ValueAndGradient(s, y, n, c, ds)),
        };
        Console.WriteLine($"| Suite | Method | Size | min ns/score (of {reps}) | median | mean |");
        Console.WriteLine("|---|---|---|---:|---:|---:|");
        foreach (var (suite, peer, run) in kernels)
        {
            foreach (var shape in ScoreShape.Standard.Concat(extraClasses.Select(c => new ScoreShape(655360 / c, c))))
            {
                if (only != null && !$"{suite}/{peer}/{shape}".Contains(only, StringComparison.Ordinal)) continue;
                var s = InputData.Normal(shape.N * shape.C, seed: 3);
                var y = InputData.Labels(shape.N, shape.C, seed: 4);
                var ds = new float[shape.N * shape.C];
                for (int w = 0; w < 20; w++) run(s, y, shape.N, shape.C, ds);
                var ticks = new long[reps];
                for (int r = 0; r < reps; r++)
                {
                    long start = Stopwatch.GetTimestamp();
                    run(s, y, shape.N, shape.C, ds);
                    ticks[r] = Stopwatch.GetTimestamp() - start;
                }
                Array.Sort(ticks);
                double PerScore(double t) => t * 1e9 / Stopwatch.Frequency / shape.Elements;
                Console.WriteLine($"| {suite} | {peer} | {shape} | {PerScore(ticks[0]):F3} | {PerScore(ticks[reps / 2]):F3} | {PerScore(ticks.Average()):F3} |");
            }
        }
        return 0;
    }
}
