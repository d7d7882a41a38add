using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.CompilerServices;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Threading;

/// <summary>
/// The contractions split their outputs over threads without changing any sum: on every shape class
/// above the parallel threshold, each layout, float and double, the product and both gradients are
/// the same bits at degree 1, 2 and 3 and run after run (ContractionKernelTests checks them against a
/// double reference), and a parallel call allocates nothing on the caller after warm-up.
/// </summary>
[Collection(ParallelismCollection.Name)]
public sealed class ParallelContractionTests
{
    /// <summary>Rows × reduced × columns: the CIFAR batch, few rows (one four-row tile), many classes, short k, ragged everything.</summary>
    public static IEnumerable<object[]> Shapes() =>
    [
        [500, 3073, 10],
        [3, 3073, 1000],
        [17, 3073, 100],
        [500, 64, 100],
        [61, 1000, 17],
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_results_are_the_same_bits_at_every_degree(int p, int k, int q)
    {
        using var degree = new DegreeOverride(3);
        foreach (var (leftRowMajor, rightRowMajor) in Layouts)
        {
            SameAtEveryDegree<F512, float>(p, k, q, leftRowMajor, rightRowMajor);
            SameAtEveryDegree<F256, float>(p, k, q, leftRowMajor, rightRowMajor);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Double_results_are_the_same_bits_at_every_degree(int p, int k, int q)
    {
        using var degree = new DegreeOverride(3);
        foreach (var (leftRowMajor, rightRowMajor) in Layouts) SameAtEveryDegree<D512, double>(p, k, q, leftRowMajor, rightRowMajor);
    }

    [Fact]
    public void A_parallel_call_allocates_nothing_on_the_caller_after_warm_up()
    {
        using var degree = new DegreeOverride(2);
        int p = 500, k = 3073, q = 10;
        float[] left = Fill<float>(p * k, 1), right = Fill<float>(k * q, 2), product = new float[p * q], dRight = new float[k * q], dLeft = new float[p * k];
        void Run()
        {
            Contraction.Product<F512, float>(left, k, 1, right, q, 1, product, p, q, k);
            Contraction.AddRightGradient<F512, float>(left, k, 1, product, dRight, q, 1, p, q, k);
            Contraction.AddLeftGradient<F512, float>(product, right, q, 1, dLeft, k, 1, p, q, k);
        }
        Run();
        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int r = 0; r < 5; r++) Run();
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }

    private static readonly (bool, bool)[] Layouts = [(true, true), (true, false), (false, true), (false, false)];

    private static void SameAtEveryDegree<V, T>(int p, int k, int q, bool leftRowMajor, bool rightRowMajor)
        where V : struct, ILanes<V, T>
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        var reference = Run<V, T>(1, p, k, q, leftRowMajor, rightRowMajor);
        foreach (int degree in new[] { 2, 3, 2 })
        {
            var result = Run<V, T>(degree, p, k, q, leftRowMajor, rightRowMajor);
            string where = $"{typeof(V).Name} {p}×{k}×{q} left {(leftRowMajor ? "[P, K]" : "[K, P]")} right {(rightRowMajor ? "[K, Q]" : "[Q, K]")} degree {degree}";
            for (int i = 0; i < reference.Length; i++)
                Bits(result[i]).ShouldBe(Bits(reference[i]), $"{where}: output {i} (product, dRight, dLeft)");
        }
    }

    /// <summary>The product, dRight added onto R, and dLeft added onto L, concatenated.</summary>
    private static T[] Run<V, T>(int degree, int p, int k, int q, bool leftRowMajor, bool rightRowMajor)
        where V : struct, ILanes<V, T>
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        using var scope = Parallelism.Limit(degree);
        Parallelism.CurrentDegree.ShouldBe(degree);
        var (lRow, lRed) = leftRowMajor ? (k, 1) : (1, p);
        var (rRed, rCol) = rightRowMajor ? (q, 1) : (1, k);
        T[] left = Fill<T>(p * k, 3), right = Fill<T>(k * q, 4), gradient = Fill<T>(p * q, 5);
        var product = new T[p * q];
        Contraction.Product<V, T>(left, lRow, lRed, right, rRed, rCol, product, p, q, k);
        var dRight = (T[])right.Clone();
        Contraction.AddRightGradient<V, T>(left, lRow, lRed, gradient, dRight, rRed, rCol, p, q, k);
        var dLeft = (T[])left.Clone();
        Contraction.AddLeftGradient<V, T>(gradient, right, rRed, rCol, dLeft, lRow, lRed, p, q, k);
        return [.. product, .. dRight, .. dLeft];
    }

    private static ulong Bits<T>(T value) => value switch
    {
        float f => BitConverter.SingleToUInt32Bits(f),
        double d => BitConverter.DoubleToUInt64Bits(d),
        _ => throw new NotSupportedException(typeof(T).Name),
    };

    private static T[] Fill<T>(int count, int seed)
        where T : System.Numerics.INumberBase<T>
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => T.CreateTruncating(random.NextDouble() * 4 - 2)).ToArray();
    }
}
