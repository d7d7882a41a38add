using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LossGen.Benchmarks.Infrastructure;
using LossGen.Benchmarks.Peers;
using LossGen.Builtins;

namespace LossGen.Benchmarks.Suites;

/// <summary>
/// Issue 10 part 3, the fused step's upper bound: the parts of one linear-softmax training step timed
/// separately in one run. A fused loss + gradient + update can at most save the optimizer's pass over
/// dW (and the dW stores that feed it), so <see cref="SgdStep"/> (and <see cref="AdamStep"/>, the
/// heaviest element-wise rule) against <see cref="ValueAndGradientThenSgd"/> is fusion's best case.
/// The HandBlocked pair is the prototype: the same single-pass peer writing dW then calling
/// <c>Sgd.Step</c>, and applying SGD where it would write dW (<c>LinearSoftmaxBlocked.FusedSgdStep</c>).
/// Ratio is relative to the generated full step.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
[BenchmarkCategory("FusedStep")]
public class FusedStepBenchmarks
{
    private const float Lambda = 1e-3f, LearningRate = 1e-3f;

    // Adam's step number is fixed, as in the Adam suite: the per-element work does not depend on it.
    private const int AdamStepNumber = 10;

    private float[] _x = [], _w = [], _b = [], _dw = [], _db = [], _scratch = [];
    private float[] _mW = [], _vW = [], _mB = [], _vB = [];
    private int[] _y = [];

    [ParamsSource(nameof(Shapes))]
    public LinearShape Size { get; set; } = new(1, 1, 1);

    /// <summary>The LinearModel suite's shapes, plus the CIFAR batch without the bias column (the TrainerEpoch suite's D = 3072).</summary>
    public static IEnumerable<LinearShape> Shapes =>
    [
        new(256, 64, 10),
        new(128, 784, 10),
        new(500, 3072, 10),
        new(500, 3073, 10),
        new(1024, 512, 100),
    ];

    [GlobalSetup]
    public void Setup()
    {
        _x = InputData.Normal(Size.N * Size.D, seed: 11);
        _w = InputData.Normal(Size.D * Size.C, seed: 12, scale: 0.01);
        _b = InputData.Normal(Size.C, seed: 13, scale: 0.01);
        _y = InputData.Labels(Size.N, Size.C, seed: 14);
        _scratch = new float[LinearSoftmaxBlocked.ScratchLength(Size.D, Size.C)];
        // A real gradient, so the optimizer rows step on the numbers the full step would.
        _dw = new float[Size.D * Size.C];
        _db = new float[Size.C];
        LinearSoftmax.ValueAndGradient(_x, _w, _b, _y, Size.N, Size.D, Size.C, _dw, _db, Lambda);
        _mW = new float[Size.D * Size.C];
        _vW = new float[Size.D * Size.C];
        _mB = new float[Size.C];
        _vB = new float[Size.C];
    }

    /// <summary>loss + dW + db + SGD on W and b, the LinearModel suite's GeneratedSoftmax row.</summary>
    [Benchmark(Baseline = true)]
    public float ValueAndGradientThenSgd()
    {
        float loss = LinearSoftmax.ValueAndGradient(_x, _w, _b, _y, Size.N, Size.D, Size.C, _dw, _db, Lambda);
        Sgd.Step(_w, _dw, 1, LearningRate);
        Sgd.Step(_b, _db, 1, LearningRate);
        return loss;
    }

    /// <summary>The generated ValueAndGradient alone (writes dW and db).</summary>
    [Benchmark]
    public float ValueAndGradient() => LinearSoftmax.ValueAndGradient(_x, _w, _b, _y, Size.N, Size.D, Size.C, _dw, _db, Lambda);

    /// <summary>The generated Sgd.Step alone on W and b (what fusion could remove, at most).</summary>
    [Benchmark]
    public void SgdStep()
    {
        Sgd.Step(_w, _dw, 1, LearningRate);
        Sgd.Step(_b, _db, 1, LearningRate);
    }

    /// <summary>The generated Adam.Step alone on W and b (D·C + C parameters, state m and v).</summary>
    [Benchmark]
    public void AdamStep()
    {
        Adam.Step(_w, _dw, _mW, _vW, AdamStepNumber, LearningRate);
        Adam.Step(_b, _db, _mB, _vB, AdamStepNumber, LearningRate);
    }

    /// <summary>The hand-blocked peer writing dW and db, then the generated Sgd.Step.</summary>
    [Benchmark]
    public float HandBlockedThenSgd()
    {
        float loss = LinearSoftmaxBlocked.ValueAndGradient(_x, _w, _b, _y, Size.N, Size.D, Size.C, Lambda, _dw, _db, _scratch);
        Sgd.Step(_w, _dw, 1, LearningRate);
        Sgd.Step(_b, _db, 1, LearningRate);
        return loss;
    }

    /// <summary>The same peer applying SGD where it would write dW: dW is never stored or read back.</summary>
    [Benchmark]
    public float HandBlockedFusedSgd() =>
        LinearSoftmaxBlocked.FusedSgdStep(_x, _w, _b, _y, Size.N, Size.D, Size.C, Lambda, LearningRate, _scratch);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median, BenchmarkDotNet.Columns.StatisticColumn.Min);
            AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams);
        }
    }
}
