using System;
using System.Collections.Generic;
using System.Diagnostics;
using LossGen.Benchmarks.Infrastructure;
using LossGen.Benchmarks.Peers;
using LossGen.Benchmarks.Suites;

namespace LossGen.Benchmarks.Experiments;

/// <summary>
/// <c>--stopwatch [repetitions]</c>: the minimum time of one call over many repetitions, per
/// parameter, for the Adam rows and the ceiling experiments. On a shared, noisy machine the minimum
/// is the least disturbed run: a complement to BenchmarkDotNet's mean and median, not a substitute.
/// </summary>
internal static unsafe class StopwatchRunner
{
    private const int StepNumber = 10;

    public static int Run(int repetitions)
    {
        Console.WriteLine($"min of {repetitions} repetitions, ns per parameter (one thread)");
        foreach (var size in VectorLength.Optimizer)
        {
            int p = size.P;
            var w = InputData.Normal(p, seed: 5, scale: 0.05);
            var g = InputData.Normal(p, seed: 6, scale: 0.01);
            var m = InputData.Normal(p, seed: 7, scale: 0.001);
            var v = new float[p];
            for (int i = 0; i < p; i++) v[i] = g[i] * g[i];
            var (scratch, dR, regularized) = (new float[p], new float[p], new float[p]);
            using var aligned = new AlignedBuffers(p);

            var rows = new List<(string, Action)>
            {
                ("Adam Generated", () => LossGen.Builtins.Adam.Step(w, g, m, v, StepNumber)),
                ("Adam GeneratedFusedL2", () => LossGen.Builtins.Adam.Step(w, g, m, v, StepNumber, new LossGen.Builtins.L2.Penalty(1e-4))),
                ("Adam L2PassThenStep", () => AdamBenchmarks.L2PassThenStep(w, g, m, v, StepNumber, 1e-4, dR, regularized)),
                ("Adam TensorPrimitivesComposed", () => AdamTensorPrimitives.Step(w, g, m, v, StepNumber, scratch)),
                ("Bandwidth AdamShaped", () => BandwidthBenchmarks.AdamShapedKernel(w, g, m, v)),
                ("Adam Generated, aligned buffers", () => LossGen.Builtins.Adam.Step(aligned.Span(aligned.W), aligned.Span(aligned.G), aligned.Span(aligned.M), aligned.Span(aligned.V), StepNumber)),
                ("AdamRuleOnly Generated, aligned buffers", () => AdamRuleOnly.Step(aligned.Span(aligned.W), aligned.Span(aligned.G), aligned.Span(aligned.M), aligned.Span(aligned.V), StepNumber)),
            };
            foreach (var (name, kernel) in AdamCeilingCheck.Variants)
                rows.Add(($"Ceiling {name}, aligned buffers", () => kernel(aligned.W, aligned.G, aligned.M, aligned.V, p, StepNumber)));

            // Round-robin: every row is timed once per round, so a burst of load from other processes
            // on the shared machine slows all rows alike instead of one row's whole series.
            foreach (var (_, action) in rows) { action(); action(); }   // JIT to the optimized tier, warm the pages
            var best = new double[rows.Count];
            Array.Fill(best, double.MaxValue);
            for (int r = 0; r < repetitions; r++)
            {
                for (int k = 0; k < rows.Count; k++)
                {
                    long start = Stopwatch.GetTimestamp();
                    rows[k].Item2();
                    best[k] = Math.Min(best[k], Stopwatch.GetElapsedTime(start).TotalNanoseconds);
                }
            }
            for (int k = 0; k < rows.Count; k++)
                Console.WriteLine($"P={p,9}  {rows[k].Item1,-40} {best[k] / p,7:F3} ns/param  {28.0 * p / best[k],6:F1} GB/s at 28 B");
        }
        return 0;
    }
}
