using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using LossGen.Benchmarks.Infrastructure;
using LossGen.Benchmarks.Peers;

namespace LossGen.Benchmarks.Suites;

/// <summary>
/// Crammer–Singer ValueAndGradient over a float N×C score matrix, one thread: the generated kernel
/// (a Max reduction that records its arg-max, in vector lanes) against the naive scalar loop.
/// 8 bytes per score ideal: read s_ij, write ds_ij.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerElementConfig))]
[BenchmarkCategory("CrammerSinger")]
[BytesPerElement(8)]
public class CrammerSingerBenchmarks
{
    private float[] _scores = [];
    private int[] _labels = [];
    private float[] _dScores = [];

    [ParamsSource(nameof(Shapes))]
    public ScoreShape Size { get; set; } = new(1, 1);

    /// <summary>Few classes (the short-row regime) and wide rows (where the recording loop's width shows).</summary>
    public static IEnumerable<ScoreShape> Shapes => [new(65536, 10), new(16384, 100)];

    [GlobalSetup]
    public void Setup()
    {
        _scores = InputData.Normal(Size.N * Size.C, seed: 1);
        _labels = InputData.Labels(Size.N, Size.C, seed: 2);
        _dScores = new float[Size.N * Size.C];
    }

    [Benchmark(Baseline = true)]
    public float Naive() => CrammerSingerNaive.ValueAndGradient(_scores, _labels, Size.N, Size.C, _dScores);

    [Benchmark]
    public float Generated() => CrammerSingerLoss.ValueAndGradient(_scores, _labels, Size.N, Size.C, _dScores);
}
