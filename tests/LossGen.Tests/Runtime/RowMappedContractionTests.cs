using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.CompilerServices;
using LossGen.Tests.Threading;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Runtime;

/// <summary>
/// The row-map form of the contractions, which reads a batch's rows where they lie in the training
/// set: on every shape class, at one thread and two, the product and the right gradient are the same
/// bits as the strided form on the rows copied out by hand (which ContractionKernelTests checks
/// against a double reference), repeated and shuffled rows included; no indices means rows 0 … P−1;
/// a bad index is an ArgumentException naming leftRows; and a call allocates nothing after warm-up.
/// </summary>
[Collection(ParallelismCollection.Name)]
public sealed class RowMappedContractionTests
{
    /// <summary>Batch rows × reduced × columns: one row, a ragged tile, the CIFAR batch, short k with many classes, past the parallel threshold.</summary>
    public static IEnumerable<object[]> Shapes() =>
    [
        [1, 1, 1],
        [3, 7, 3],
        [17, 64, 17],
        [500, 3073, 10],
        [256, 64, 100],
        [61, 1000, 17],
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_rows_read_in_place_give_the_bits_of_the_gathered_rows(int p, int k, int q)
    {
        foreach (int degree in new[] { 1, 2 })
            AtDegree(degree, () =>
            {
                SameAsGathered<F512, float>(p, k, q);
                SameAsGathered<F256, float>(p, k, q);
                SameAsGathered<F1, float>(p, k, q);
            });
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Double_rows_read_in_place_give_the_bits_of_the_gathered_rows(int p, int k, int q)
    {
        foreach (int degree in new[] { 1, 2 })
            AtDegree(degree, () =>
            {
                SameAsGathered<D512, double>(p, k, q);
                SameAsGathered<D128, double>(p, k, q);
            });
    }

    [Fact]
    public void No_indices_mean_the_first_rows_in_order()
    {
        int p = 9, k = 40, q = 7;
        float[] left = Fill<float>(p * k, 1), right = Fill<float>(k * q, 2), gradient = Fill<float>(p * q, 3);
        float[] strided = new float[p * q], mapped = new float[p * q], dStrided = new float[k * q], dMapped = new float[k * q];
        Contraction.Product<F512, float>(left, k, 1, right, q, 1, strided, p, q, k);
        Contraction.Product<F512, float>(left, ReadOnlySpan<int>.Empty, k, right, q, 1, mapped, p, q, k);
        Contraction.AddRightGradient<F512, float>(left, k, 1, gradient, dStrided, q, 1, p, q, k);
        Contraction.AddRightGradient<F512, float>(left, ReadOnlySpan<int>.Empty, k, gradient, dMapped, q, 1, p, q, k);
        mapped.ShouldBe(strided);
        dMapped.ShouldBe(dStrided);
    }

    [Theory]
    [InlineData(new[] { 0, 4 }, "leftRows")] // row 4 of a four-row operand
    [InlineData(new[] { -1, 0 }, "leftRows")]
    [InlineData(new[] { 0 }, "leftRows")] // one index for two rows
    public void A_bad_row_index_is_an_argument_exception_naming_leftRows_and_nothing_is_written(int[] rows, string parameter)
    {
        int k = 5, q = 3;
        float[] left = Fill<float>(4 * k, 1), right = Fill<float>(k * q, 2), gradient = Fill<float>(2 * q, 3);
        float[] product = Enumerable.Repeat(7f, 2 * q).ToArray(), dRight = Enumerable.Repeat(7f, k * q).ToArray();
        var e = Should.Throw<ArgumentException>(() => Contraction.Product<F512, float>(left, rows, k, right, q, 1, product, 2, q, k));
        e.ParamName.ShouldBe(parameter);
        e = Should.Throw<ArgumentException>(() => Contraction.AddRightGradient<F512, float>(left, rows, k, gradient, dRight, q, 1, 2, q, k));
        e.ParamName.ShouldBe(parameter);
        product.ShouldAllBe(v => v == 7f);
        dRight.ShouldAllBe(v => v == 7f);
    }

    [Fact]
    public void Repeated_row_mapped_calls_allocate_nothing_after_warm_up()
    {
        using var _ = new DegreeOverride(2);
        int total = 2000, p = 500, k = 3073, q = 10;
        float[] left = Fill<float>(total * k, 1), right = Fill<float>(k * q, 2), product = new float[p * q], dRight = new float[k * q];
        int[] rows = Shuffled(total, p, 5);
        void Run()
        {
            Contraction.Product<F512, float>(left, rows, k, right, q, 1, product, p, q, k);
            Contraction.AddRightGradient<F512, float>(left, rows, k, product, dRight, q, 1, p, q, k);
        }
        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int r = 0; r < 3; r++) Run();
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }

    /// <summary>Runs <paramref name="body"/> with at most <paramref name="degree"/> threads per call (others running meanwhile only change speed).</summary>
    internal static void AtDegree(int degree, Action body)
    {
        int previous = Parallelism.MaxDegree;
        Parallelism.MaxDegree = degree;
        try { body(); }
        finally { Parallelism.MaxDegree = previous; }
    }

    /// <summary>A training set of 2P + 3 rows; the batch is P of them, shuffled, with one repeated.</summary>
    private static void SameAsGathered<V, T>(int p, int k, int q)
        where V : struct, ILanes<V, T>
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        int total = 2 * p + 3;
        T[] set = Fill<T>(total * k, 7 + p + k), right = Fill<T>(k * q, 11 + k + q), gradient = Fill<T>(p * q, 13 + p + q);
        int[] rows = Shuffled(total, p, p + k + q);
        if (p > 1) rows[p - 1] = rows[0];
        T[] gathered = rows.SelectMany(r => set.Skip(r * k).Take(k)).ToArray();
        string where = $"{typeof(V).Name} P={p} K={k} Q={q} degree {Parallelism.CurrentDegree}";

        T[] expected = new T[p * q], actual = new T[p * q];
        Contraction.Product<V, T>(gathered, k, 1, right, q, 1, expected, p, q, k);
        Contraction.Product<V, T>(set, rows, k, right, q, 1, actual, p, q, k);
        actual.ShouldBe(expected, where + " product");

        T[] dExpected = Fill<T>(k * q, 17), dActual = Fill<T>(k * q, 17);
        Contraction.AddRightGradient<V, T>(gathered, k, 1, gradient, dExpected, q, 1, p, q, k);
        Contraction.AddRightGradient<V, T>(set, rows, k, gradient, dActual, q, 1, p, q, k);
        dActual.ShouldBe(dExpected, where + " right gradient");
    }

    private static int[] Shuffled(int total, int count, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, total).OrderBy(_ => rng.Next()).Take(count).ToArray();
    }

    private static T[] Fill<T>(int count, int seed)
        where T : System.Numerics.INumberBase<T>
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => T.CreateTruncating(rng.NextDouble() * 2 - 1)).ToArray();
    }
}
