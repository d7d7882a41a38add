using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using LossGen.Builtins;
using LossGen.CompilerServices;
using LossGen.Optimization;
using LossGen.Training;

namespace LossGen.Benchmarks.Suites;

/// <summary>
/// Issue 10 part 6: one whole epoch through <see cref="Trainer"/> on synthetic CIFAR-shaped data made
/// here (50000 × 3072 float, 10 classes), <see cref="LinearSoftmaxObjective{T}"/> (λ = 1e-3) + the
/// generated <c>Sgd.Optimizer&lt;float&gt;</c>, batch 500, shuffled (the product reads each batch's rows
/// of X from the 614 MB set by index, a tile at a time with the next tile prefetched; only the labels are
/// gathered separately), default options (the non-finite check on), on <see cref="Threads"/> threads: 100 steps
/// per invocation. Targets: ≤ 90 ms on one thread, ≤ 60 ms on two. The two other rows are references:
/// the copy of 100 shuffled batches that reading in place avoids, and 100 steps on one already
/// gathered batch (the kernels alone, X in cache as far as it fits).
/// </summary>
/// <remarks>
/// One invocation per iteration (an epoch is ~10⁸ ns; BenchmarkDotNet's default unroll of 16 would
/// make every iteration 16 epochs). The trainer keeps training across iterations: every epoch does
/// the same work whatever the weights are. The data is made once per process in GlobalSetup and never
/// copied.
/// </remarks>
[MemoryDiagnoser]
[InvocationCount(1)]
[Config(typeof(Config))]
[BenchmarkCategory("TrainerEpoch")]
public class TrainerEpochBenchmarks
{
    public const int Rows = 50000, Features = 3072, Classes = 10, BatchSize = 500;
    private const double LearningRate = 1e-2, Lambda = 1e-3;

    private float[] _features = [];
    private int[] _labels = [];
    private int[] _order = [];
    private float[] _batchX = [], _w = [], _b = [], _dw = [], _db = [];
    private int[] _batchY = [];
    private Trainer<LinearSoftmaxObjective<float>, Sgd.Optimizer<float>, ConstantLearningRate, float>? _trainer;

    /// <summary>LossGen's <see cref="Parallelism.MaxDegree"/> (each case runs in its own process).</summary>
    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        Parallelism.MaxDegree = Threads;
        (_features, _labels) = Blobs(Rows, Features, Classes, seed: 21);
        var data = new LinearDataset<float>(_features, _labels, Features, Classes);
        _trainer = Trainer.Create(new LinearSoftmaxObjective<float>(data, Lambda), new Sgd.Optimizer<float>(LearningRate),
            new ConstantLearningRate(), new float[data.ParameterCount], new TrainerOptions { BatchSize = BatchSize, Seed = 1 });

        _order = new int[Rows];
        for (int i = 0; i < Rows; i++) _order[i] = i;
        new TrainingRandom(2).Shuffle(_order);
        AdapterSupport.Gather<float>(_features, Features, _order.AsSpan(0, BatchSize), ref _batchX);
        AdapterSupport.Gather<int>(_labels, 1, _order.AsSpan(0, BatchSize), ref _batchY);
        _w = new float[Features * Classes];
        _b = new float[Classes];
        _dw = new float[Features * Classes];
        _db = new float[Classes];
    }

    /// <summary>One epoch: 100 steps of ValueAndGradient on the batch's rows in place + non-finite check + Sgd.Step, then the next epoch's shuffle.</summary>
    [Benchmark(Baseline = true)]
    public TrainingResult Epoch() => _trainer!.Fit(_trainer.Epochs + 1);

    /// <summary>Only a gather: the rows of 100 shuffled batches copied into a batch buffer, as the objective did before it read them in place.</summary>
    [Benchmark]
    public float GatherOnly()
    {
        float sink = 0;
        for (int start = 0; start < Rows; start += BatchSize)
        {
            ReadOnlySpan<int> rows = _order.AsSpan(start, BatchSize);
            sink += AdapterSupport.Gather<float>(_features, Features, rows, ref _batchX)[0];
            sink += AdapterSupport.Gather<int>(_labels, 1, rows, ref _batchY)[0];
        }

        return sink;
    }

    /// <summary>Only the kernels: 100 × (ValueAndGradient + Sgd.Step on W and b) on one gathered batch.</summary>
    [Benchmark]
    public float StepsOnOneBatch()
    {
        float loss = 0;
        for (int step = 0; step < Rows / BatchSize; step++)
        {
            loss += LinearSoftmax.ValueAndGradient(_batchX, _w, _b, _batchY, BatchSize, Features, Classes, _dw, _db, (float)Lambda);
            Sgd.Step(_w, _dw, 1, (float)LearningRate);
            Sgd.Step(_b, _db, 1, (float)LearningRate);
        }

        return loss;
    }

    /// <summary>
    /// Gaussian blobs: class means drawn N(0, 0.1²) per feature, each row its class's mean plus N(0, 1)
    /// noise, labels uniform; seeded (SplitMix64, Box–Muller), so every run sees the same set.
    /// </summary>
    public static (float[] Features, int[] Labels) Blobs(int rows, int features, int classes, ulong seed)
    {
        var rng = new TrainingRandom(seed);
        var means = new float[classes * features];
        FillNormal(ref rng, means, 0.1f);
        var labels = new int[rows];
        var x = new float[checked(rows * features)];
        for (int i = 0; i < rows; i++)
        {
            int label = rng.NextInt(classes);
            labels[i] = label;
            Span<float> row = x.AsSpan(i * features, features);
            FillNormal(ref rng, row, 1f);
            ReadOnlySpan<float> mean = means.AsSpan(label * features, features);
            for (int k = 0; k < features; k++) row[k] += mean[k];
        }

        return (x, labels);
    }

    private static void FillNormal(ref TrainingRandom rng, Span<float> target, float scale)
    {
        for (int i = 0; i < target.Length; i += 2)
        {
            // 53 random bits → (0, 1]: the log never sees zero.
            double u1 = ((rng.NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));
            double u2 = (rng.NextUInt64() >> 11) * (1.0 / (1UL << 53));
            float r = scale * MathF.Sqrt(-2f * MathF.Log((float)u1));
            (float sin, float cos) = MathF.SinCos(2f * MathF.PI * (float)u2);
            target[i] = r * cos;
            if (i + 1 < target.Length) target[i + 1] = r * sin;
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median, BenchmarkDotNet.Columns.StatisticColumn.Min);
            AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        }
    }
}
