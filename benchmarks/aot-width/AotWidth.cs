// NativeAOT width micro-run (benchmarks/aot-width/run.sh publishes this program once per
// IlcInstructionSet and runs each binary). BenchmarkDotNet does not run inside a NativeAOT binary
// it did not build, so this times the kernels directly: median of repeated value-and-gradient
// passes over fixed float scores, reported in ns per score together with the lane width the
// binary selected.
using System;
using System.Diagnostics;
using LossGen.Builtins;
using LossGen.Simd;

const int n = 65536, c = 10, repeats = 41;
var rng = new Random(3);
var s = new float[n * c];
var ds = new float[n * c];
var y = new int[n];
for (int i = 0; i < s.Length; i++) s[i] = (float)(rng.NextDouble() * 6 - 3);
for (int i = 0; i < n; i++) y[i] = rng.Next(c);

Console.WriteLine($"lane width {LaneWidth.Current}");
Report("softmax cross-entropy", () => SoftmaxCrossEntropy.ValueAndGradient(s, y, n, c, ds));
Report("multiclass SVM", () => MulticlassSvm.ValueAndGradient(s, y, n, c, ds));

void Report(string name, Func<float> kernel)
{
    float sink = 0;
    for (int i = 0; i < 5; i++) sink += kernel();
    var times = new double[repeats];
    for (int r = 0; r < repeats; r++)
    {
        long start = Stopwatch.GetTimestamp();
        sink += kernel();
        times[r] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / (n * c);
    }
    Array.Sort(times);
    Console.WriteLine($"{name,-22} median {times[repeats / 2]:F3} ns/score (min {times[0]:F3}, value {sink / (repeats + 5):F4})");
}
