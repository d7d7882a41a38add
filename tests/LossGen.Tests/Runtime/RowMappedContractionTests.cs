using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.CompilerServices;
using LossGen.Tests.Threading;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Runtime;

/// <summary>
/// The row-map form of the product, which reads a batch's rows of a training set by index and gathers
/// them a tile at a time as it goes: on every shape class (the small ones on one thread, the large
/// ones split over two), the product is the
/// same bits as the strided form on the rows copied out by hand (which ContractionKernelTests checks
/// against a double reference), and the batch it returns is exactly those rows, repeated and shuffled
/// rows included; no indices means rows 0 … P−1 of the operand itself; a bad index or a short batch
/// buffer is an ArgumentException naming it, with nothing written; and a call allocates nothing after warm-up.
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
    public void Float_rows_read_by_index_give_the_bits_of_the_gathered_rows(int p, int k, int q)
    {
        using var _ = new DegreeOverride(2);
        SameAsGathered<F512, float>(p, k, q);
        SameAsGathered<F256, float>(p, k, q);
        SameAsGathered<F1, float>(p, k, q);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Double_rows_read_by_index_give_the_bits_of_the_gathered_rows(int p, int k, int q)
    {
        using var _ = new DegreeOverride(2);
        SameAsGathered<D512, double>(p, k, q);
        SameAsGathered<D128, double>(p, k, q);
    }

    [Fact]
    public void No_indices_mean_the_first_rows_of_the_operand_itself()
    {
        int p = 9, k = 40, q = 7;
        float[] left = Fill<float>(p * k, 1), right = Fill<float>(k * q, 2);
        float[] strided = new float[p * q], mapped = new float[p * q];
        Contraction.Product<F512, float>(left, k, 1, right, q, 1, strided, p, q, k);
        var batch = Contraction.Product<F512, float>(left, ReadOnlySpan<int>.Empty, k, right, q, 1, mapped, p, q, k, Span<float>.Empty);
        mapped.ShouldBe(strided);
        batch.Overlaps(left, out int offset).ShouldBeTrue();
        offset.ShouldBe(0);
        batch.Length.ShouldBe(left.Length);
    }

    [Theory]
    [InlineData(new[] { 0, 4 }, 2 * 5, "leftRows")] // row 4 of a four-row operand
    [InlineData(new[] { -1, 0 }, 2 * 5, "leftRows")]
    [InlineData(new[] { 0 }, 2 * 5, "leftRows")] // one index for two rows
    [InlineData(new[] { 0, 1 }, 2 * 5 - 1, "gathered")] // no room for the batch
    public void A_bad_row_index_or_batch_buffer_is_an_argument_exception_naming_it_and_nothing_is_written(int[] rows, int room, string parameter)
    {
        int k = 5, q = 3;
        float[] left = Fill<float>(4 * k, 1), right = Fill<float>(k * q, 2);
        float[] product = Enumerable.Repeat(7f, 2 * q).ToArray(), gathered = Enumerable.Repeat(7f, room).ToArray();
        var e = Should.Throw<ArgumentException>(() => Contraction.Product<F512, float>(left, rows, k, right, q, 1, product, 2, q, k, gathered));
        e.ParamName.ShouldBe(parameter);
        product.ShouldAllBe(v => v == 7f);
        gathered.ShouldAllBe(v => v == 7f);
    }

    [Fact]
    public void Repeated_row_mapped_calls_allocate_nothing_after_warm_up()
    {
        using var _ = new DegreeOverride(2);
        int total = 2000, p = 500, k = 3073, q = 10;
        float[] left = Fill<float>(total * k, 1), right = Fill<float>(k * q, 2), product = new float[p * q], dRight = new float[k * q], gathered = new float[p * k];
        int[] rows = Shuffled(total, p, 5);
        void Run()
        {
            var batch = Contraction.Product<F512, float>(left, rows, k, right, q, 1, product, p, q, k, gathered);
            Contraction.AddRightGradient<F512, float>(batch, k, 1, product, dRight, q, 1, p, q, k);
        }
        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int r = 0; r < 3; r++) Run();
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }

    /// <summary>A training set of 2P + 3 rows; the batch is P of them, shuffled, with one repeated.</summary>
    private static void SameAsGathered<V, T>(int p, int k, int q)
        where V : struct, ILanes<V, T>
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        int total = 2 * p + 3;
        T[] set = Fill<T>(total * k, 7 + p + k), right = Fill<T>(k * q, 11 + k + q);
        int[] rows = Shuffled(total, p, p + k + q);
        if (p > 1) rows[p - 1] = rows[0];
        T[] gathered = rows.SelectMany(r => set.Skip(r * k).Take(k)).ToArray();
        string where = $"{typeof(V).Name} P={p} K={k} Q={q} degree {Parallelism.CurrentDegree}";

        T[] expected = new T[p * q], actual = new T[p * q], room = new T[p * k + 3];
        Contraction.Product<V, T>(gathered, k, 1, right, q, 1, expected, p, q, k);
        var batch = Contraction.Product<V, T>(set, rows, k, right, q, 1, actual, p, q, k, room);
        actual.ShouldBe(expected, where + " product");
        batch.ToArray().ShouldBe(gathered, where + " batch");
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
