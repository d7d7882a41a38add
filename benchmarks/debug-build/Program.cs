// The timing program of benchmarks/results/debug-build.md: the Program.cs of a console project
// that references the LossGen package (steps: README, Install), run with -c Release and -c Debug.
using System;
using System.Diagnostics;
using LossGen;
using static LossGen.Dsl;

const int n = 65536, c = 10, repeats = 21;
var rng = new Random(3);
var s = new float[n * c]; var ds = new float[n * c]; var y = new int[n];
for (int i = 0; i < s.Length; i++) s[i] = (float)(rng.NextDouble() * 6 - 3);
for (int i = 0; i < n; i++) y[i] = rng.Next(c);
float sink = 0;
for (int i = 0; i < 3; i++) sink += MySvm.ValueAndGradient(s, y, n, c, ds);
var t = new double[repeats];
for (int r = 0; r < repeats; r++) { long st = Stopwatch.GetTimestamp(); sink += MySvm.ValueAndGradient(s, y, n, c, ds); t[r] = Stopwatch.GetElapsedTime(st).TotalNanoseconds / (n * c); }
Array.Sort(t);
Console.WriteLine($"user-declared SVM value+gradient: median {t[repeats / 2]:F3} ns/score, min {t[0]:F3} ({sink:F2})");

[Loss]
public partial struct MySvm
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y, float delta = 1f)
        => Mean(i => Sum(j => j == y[i] ? 0f : Max(0f, s[i, j] - s[i, y[i]] + delta)));
}
