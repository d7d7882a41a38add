using System;
using System.Collections.Generic;
using System.Numerics.Tensors;
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
    private float[] _penaltyGradient = [];
    private float[] _regularized = [];

    /// <summary>λ of the penalty λ·Σw² in the regularized rows (any λ costs the same).</summary>
    private const double Lambda = 1e-4;

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
        _penaltyGradient = new float[p];
        _regularized = new float[p];
    }

    [Benchmark(Baseline = true)]
    public void Naive() => AdamNaive.Step(_w, _g, _m, _v, StepNumber);

    [Benchmark]
    public void TensorPrimitivesComposed() => AdamTensorPrimitives.Step(_w, _g, _m, _v, StepNumber, _scratch);

    /// <summary>LossGen.Builtins.Adam: the rule written in the DSL, compiled to one fused SIMD pass.</summary>
    [Benchmark]
    public void Generated() => LossGen.Builtins.Adam.Step(_w, _g, _m, _v, StepNumber);

    /// <summary>
    /// Adam on L + λ·Σw², the L2 penalty fused into the step: g + 2λw is formed in registers from the
    /// w the pass loads anyway, so it moves the same 28 bytes per parameter as the plain step.
    /// </summary>
    [Benchmark]
    public void GeneratedFusedL2() => LossGen.Builtins.Adam.Step(_w, _g, _m, _v, StepNumber, new LossGen.Builtins.L2.Penalty(Lambda));

    /// <summary>
    /// The same regularized step without fusion, as it is written with separate calls: the
    /// regularizer's generated ValueAndGradient (read w, write ∇R: 8 B), g + λ∇R with
    /// TensorPrimitives (read 2, write 1: 12 B), then the plain Step (28 B): 48 bytes per parameter.
    /// </summary>
    [Benchmark, BytesPerElement(48)]
    public void L2PassThenStep() => L2PassThenStep(_w, _g, _m, _v, StepNumber, Lambda, _penaltyGradient, _regularized);

    internal static void L2PassThenStep(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v, int t, double lambda,
        Span<float> penaltyGradient, Span<float> regularized)
    {
        LossGen.Builtins.L2.ValueAndGradient(w, w.Length, penaltyGradient);
        TensorPrimitives.MultiplyAdd(penaltyGradient, (float)lambda, g, regularized);
        LossGen.Builtins.Adam.Step(w, regularized, m, v, t);
    }
}
