using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using LossGen.Benchmarks.Infrastructure;
using LossGen.Benchmarks.Peers;

namespace LossGen.Benchmarks.Suites;

/// <summary>
/// One Adam step over P float parameters, one thread. 28 bytes per parameter ideal: read w, g, m, v
/// and write w, m, v once each — compare GB/s with the Bandwidth AdamShaped row of the same P.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerElementConfig))]
[BenchmarkCategory("Adam")]
[BytesPerElement(28)]
public class AdamBenchmarks
{
    // A fixed step keeps every invocation (and every peer) doing identical arithmetic; the bias
    // corrections are computed once per call anyway, so t does not change the per-element cost.
    private const int StepNumber = 10;

    private float[] _w = [];
    private float[] _g = [];
    private float[] _m = [];
    private float[] _v = [];
    private float[] _scratch = [];

    [ParamsSource(nameof(Sizes))]
    public VectorLength Size { get; set; } = new(1);

    public static IEnumerable<VectorLength> Sizes => VectorLength.Optimizer;

    [GlobalSetup]
    public void Setup()
    {
        int p = Size.P;
        _w = InputData.Normal(p, seed: 5, scale: 0.05);
        _g = InputData.Normal(p, seed: 6, scale: 0.01);
        _m = InputData.Normal(p, seed: 7, scale: 0.001);
        // v must be non-negative (it is a running mean of g²).
        _v = new float[p];
        for (int i = 0; i < p; i++)
        {
            _v[i] = _g[i] * _g[i];
        }

        _scratch = new float[p];
    }

    [Benchmark(Baseline = true)]
    public void Naive() => AdamNaive.Step(_w, _g, _m, _v, StepNumber);

    [Benchmark]
    public void TensorPrimitivesComposed() => AdamTensorPrimitives.Step(_w, _g, _m, _v, StepNumber, _scratch);

    /// <summary>LossGen.Builtins.Adam: the rule written in the DSL, compiled to one fused SIMD pass.</summary>
    [Benchmark]
    public void Generated() => LossGen.Builtins.Adam.Step(_w, _g, _m, _v, StepNumber);
}
