using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using LossGen.CompilerServices;

namespace LossGen.Benchmarks.Simd;

/// <summary>
/// exp over 64K floats (256 KiB in, 256 KiB out: L2-resident, so this measures the math, not DRAM):
/// LossGen's lane types through the same generic loop a generated kernel uses, against .NET's
/// Vector512.Exp, TensorPrimitives.Exp and a scalar MathF.Exp loop.
/// </summary>
public class VectorExpBenchmarks
{
    private const int Length = 64 * 1024;
    private float[] _input = [];
    private float[] _output = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _input = new float[Length];
        _output = new float[Length];
        for (int i = 0; i < Length; i++)
        {
            _input[i] = (float)(random.NextDouble() * 40 - 20);
        }
    }

    [Benchmark(Baseline = true)]
    public void ScalarMathF()
    {
        float[] input = _input, output = _output;
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = MathF.Exp(input[i]);
        }
    }

    [Benchmark]
    public void LossGenF512() => Run<F512>(_input, _output);

    [Benchmark]
    public void LossGenF256() => Run<F256>(_input, _output);

    [Benchmark]
    public void Vector512Exp()
    {
        ref float input = ref MemoryMarshal.GetArrayDataReference(_input);
        ref float output = ref MemoryMarshal.GetArrayDataReference(_output);
        for (nuint i = 0; i < Length; i += (nuint)Vector512<float>.Count)
        {
            Vector512.Exp(Vector512.LoadUnsafe(ref input, i)).StoreUnsafe(ref output, i);
        }
    }

    [Benchmark]
    public void TensorPrimitivesExp() => TensorPrimitives.Exp(_input, _output);

    /// <summary>The shape of a generated kernel: whole vectors, then one partial vector for the tail.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Run<V>(ReadOnlySpan<float> input, Span<float> output)
        where V : struct, ILanes<V, float>
    {
        int i = 0;
        for (; i <= input.Length - V.Count; i += V.Count)
        {
            V.Store(output, i, V.Exp(V.Load(input, i)));
        }
        if (i < input.Length)
        {
            V.StorePartial(output, i, input.Length - i, V.Exp(V.LoadPartial(input, i, input.Length - i)));
        }
    }
}
