using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using LossGen.Benchmarks.Infrastructure;
using LossGen.Benchmarks.Peers;

namespace LossGen.Benchmarks.Suites;

/// <summary>
/// Multiclass SVM ValueAndGradient over a float N×C score matrix, one thread, every implementation
/// side by side on identical inputs. Ratio is relative to the naive scalar loop.
/// 8 bytes per score ideal: read s_ij, write ds_ij (labels add 4/C bytes, ignored).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerElementConfig))]
[BenchmarkCategory("MulticlassSvm")]
[BytesPerElement(8)]
public class MulticlassSvmBenchmarks
{
    private float[] _scores = [];
    private int[] _labels = [];
    private float[] _dScores = [];

    [ParamsSource(nameof(Shapes))]
    public ScoreShape Size { get; set; } = new(1, 1);

    public static IEnumerable<ScoreShape> Shapes => ScoreShape.Standard;

    [GlobalSetup]
    public void Setup()
    {
        _scores = InputData.Normal(Size.N * Size.C, seed: 1);
        _labels = InputData.Labels(Size.N, Size.C, seed: 2);
        _dScores = new float[Size.N * Size.C];
    }

    [Benchmark(Baseline = true)]
    public float Naive() => MulticlassSvmNaive.ValueAndGradient(_scores, _labels, Size.N, Size.C, _dScores);

    [Benchmark]
    public float TensorPrimitivesComposed() =>
        MulticlassSvmTensorPrimitives.ValueAndGradient(_scores, _labels, Size.N, Size.C, _dScores);

    /// <summary>The kernel LossGen generates from the built-in's DSL declaration.</summary>
    [Benchmark]
    public float Generated() =>
        LossGen.Builtins.MulticlassSvm.ValueAndGradient(_scores, _labels, Size.N, Size.C, _dScores);
}
