using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LossGen.Benchmarks.Infrastructure;
using LossGen.Benchmarks.Peers;
using LossGen.Builtins;

namespace LossGen.Benchmarks.Suites;

/// <summary>
/// One training step of a linear classifier, float, on <see cref="Threads"/> threads (LossGen's
/// <see cref="Parallelism.MaxDegree"/>; the peers are single-threaded code and run alike at both): ValueAndGradient of the objective
/// (scores XW + b, the loss, dW, db, λΣW²) and an SGD step on W and b, every implementation on the
/// same seeded inputs. The step is the generated <see cref="Sgd"/> for all of them, so the rows differ
/// only in the objective. Ratio is relative to the naive loop; GFLOP/s = 4·N·D·C / time (results/*.md).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
[BenchmarkCategory("LinearModel")]
public class LinearModelBenchmarks
{
    private const float Lambda = 1e-3f, LearningRate = 1e-3f;

    private float[] _x = [], _w = [], _b = [], _dw = [], _db = [], _scratch = [];
    private int[] _y = [];

    [ParamsSource(nameof(Shapes))]
    public LinearShape Size { get; set; } = new(1, 1, 1);

    /// <summary>CIFAR-10-shaped (3072 pixels + a bias column), MNIST-shaped, digits-shaped, and many classes.</summary>
    public static IEnumerable<LinearShape> Shapes =>
    [
        new(256, 64, 10),
        new(128, 784, 10),
        new(500, 3073, 10),
        new(1024, 512, 100),
    ];

    /// <summary>The degree of parallelism the generated kernels may use (each case runs in its own process).</summary>
    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        Parallelism.MaxDegree = Threads;
        _x = InputData.Normal(Size.N * Size.D, seed: 11);
        _w = InputData.Normal(Size.D * Size.C, seed: 12, scale: 0.01);
        _b = InputData.Normal(Size.C, seed: 13, scale: 0.01);
        _y = InputData.Labels(Size.N, Size.C, seed: 14);
        _dw = new float[Size.D * Size.C];
        _db = new float[Size.C];
        _scratch = new float[System.Math.Max(2 * Size.D * Size.C + Size.C, LinearSoftmaxBlocked.ScratchLength(Size.D, Size.C))];
    }

    [Benchmark(Baseline = true)]
    public float Naive() => Step(LinearSoftmaxNaive.ValueAndGradient(_x, _w, _b, _y, Size.N, Size.D, Size.C, Lambda, _dw, _db, _scratch));

    [Benchmark]
    public float TensorPrimitivesComposed() =>
        Step(LinearSoftmaxTensorPrimitives.ValueAndGradient(_x, _w, _b, _y, Size.N, Size.D, Size.C, Lambda, _dw, _db, _scratch));

    /// <summary>The hand-blocked single-pass Vector512 peer (Peers/LinearSoftmaxBlocked.cs).</summary>
    [Benchmark]
    public float HandBlocked() =>
        Step(LinearSoftmaxBlocked.ValueAndGradient(_x, _w, _b, _y, Size.N, Size.D, Size.C, Lambda, _dw, _db, _scratch));

    /// <summary>The built-in LinearSoftmax, generated from its DSL declaration.</summary>
    [Benchmark]
    public float GeneratedSoftmax() =>
        Step(LinearSoftmax.ValueAndGradient(_x, _w, _b, _y, Size.N, Size.D, Size.C, _dw, _db, Lambda));

    /// <summary>The built-in LinearSvm (Δ = 1), generated; the same contraction, a different loss over the scores.</summary>
    [Benchmark]
    public float GeneratedSvm() =>
        Step(LinearSvm.ValueAndGradient(_x, _w, _b, _y, Size.N, Size.D, Size.C, _dw, _db, 1f, Lambda));

    private float Step(float loss)
    {
        Sgd.Step(_w, _dw, 1, LearningRate);
        Sgd.Step(_b, _db, 1, LearningRate);
        return loss;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median);
            AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams);
        }
    }
}
