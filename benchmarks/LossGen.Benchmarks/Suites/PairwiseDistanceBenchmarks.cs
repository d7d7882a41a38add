using System;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using LossGen.Benchmarks.Infrastructure;
using static LossGen.Dsl;

namespace LossGen.Benchmarks.Suites;

/// <summary>
/// A numpy-style declaration: Σ_ij sqrt(‖x_i − y_j‖² + 1) over the rows of X [N, D] and Y [M, D],
/// with the squared distances written as numpy code writes them (row norms kept as a column and
/// transposed, minus 2·X·Yᵀ). It compiles to the same kernel as the index-notation form (tested in
/// LossGen.Tests SeedShapeTests), so this measures what that kernel costs next to the scalar loop
/// a C# programmer would write for the same value and gradient.
/// </summary>
[Loss]
public partial struct PairwiseSmoothDistance
{
    static float Define([Shape("N", "D")] Tensor X, [Shape("M", "D")] Tensor Y)
    {
        var d2 = Sum(X * X, axis: 1, keepDims: true) + Sum(Y * Y, axis: 1, keepDims: true).T - 2 * MatMul(X, Y.T);
        return Sum(Sqrt(d2 + 1));
    }
}

[MemoryDiagnoser]
[BenchmarkCategory("Pairwise")]
public class PairwiseDistanceBenchmarks
{
    public const int N = 256, M = 256, D = 64;

    private float[] _x = [], _y = [], _dx = [], _dy = [];

    [GlobalSetup]
    public void Setup()
    {
        _x = InputData.Normal(N * D, seed: 11, scale: 1);
        _y = InputData.Normal(M * D, seed: 12, scale: 1);
        _dx = new float[N * D];
        _dy = new float[M * D];
        // A fast wrong kernel is not worth timing: both must agree before anything is measured.
        var generated = Generated();
        var gx = (float[])_dx.Clone();
        var naive = Naive();
        if (Math.Abs(generated - naive) > 1e-4 * Math.Abs(naive))
            throw new InvalidOperationException($"Pairwise: generated {generated} vs naive {naive}");
        for (var k = 0; k < gx.Length; k++)
            if (Math.Abs(gx[k] - _dx[k]) > 1e-3 * (1 + Math.Abs(_dx[k])))
                throw new InvalidOperationException($"Pairwise: dX[{k}] generated {gx[k]} vs naive {_dx[k]}");
    }

    /// <summary>The scalar loops, with the gradient derived by hand: ∂/∂x_i = Σ_j (x_i − y_j)/s_ij.</summary>
    [Benchmark(Baseline = true)]
    public float Naive()
    {
        Array.Clear(_dx);
        Array.Clear(_dy);
        double total = 0;
        for (var i = 0; i < N; i++)
        for (var j = 0; j < M; j++)
        {
            float d2 = 0;
            for (var k = 0; k < D; k++)
            {
                var diff = _x[i * D + k] - _y[j * D + k];
                d2 += diff * diff;
            }
            var s = MathF.Sqrt(d2 + 1);
            total += s;
            var w = 1 / s;
            for (var k = 0; k < D; k++)
            {
                var diff = (_x[i * D + k] - _y[j * D + k]) * w;
                _dx[i * D + k] += diff;
                _dy[j * D + k] -= diff;
            }
        }
        return (float)total;
    }

    [Benchmark]
    public float Generated() => PairwiseSmoothDistance.ValueAndGradient(_x, _y, N, D, M, _dx, _dy);

    /// <summary>
    /// `--stopwatch-pairwise`: the minimum over many repetitions of each, from a Stopwatch loop,
    /// as a cross-check of the BenchmarkDotNet table on a shared, noisy machine.
    /// </summary>
    public static int StopwatchReport()
    {
        var b = new PairwiseDistanceBenchmarks();
        b.Setup();
        foreach (var (name, run) in new (string, Func<float>)[] { ("Naive", b.Naive), ("Generated", b.Generated) })
        {
            for (var k = 0; k < 5; k++) run();
            var best = double.MaxValue;
            for (var rep = 0; rep < 200; rep++)
            {
                var sw = Stopwatch.StartNew();
                run();
                best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"{name}: min {best:F3} ms over 200 runs (N = {N}, M = {M}, D = {D})");
        }
        return 0;
    }
}
