using System;
using System.Linq;
using System.Numerics;
using LossGen.Simd;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Simd;

/// <summary>
/// <see cref="ILanes{TSelf, T}.Indices"/> and <see cref="ILanes{TSelf, T}.FirstIndex"/> at every
/// width, against an int array that plays the same moves: index lanes built by Select from several
/// starts (as the arg-max loop does), then the smallest index among the lanes a mask sets.
/// </summary>
public abstract class IndexLaneContract<V, T>
    where V : struct, ILanes<V, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static int N => V.Count;

    private static V Mask(bool[] set)
    {
        // A comparison mask: lanes where 1 > 0 for set lanes, 0 > 0 for the others.
        var ones = set.Select(b => b ? T.One : T.Zero).ToArray();
        return V.GreaterThan(V.Load(ones, 0), V.Zero);
    }

    [Fact]
    public void Zero_holds_index_0_and_Indices_holds_start_plus_lane()
    {
        var all = Enumerable.Repeat(true, N).ToArray();
        V.FirstIndex(Mask(all), V.Zero).ShouldBe(0);
        foreach (var start in new[] { 0, 1, 37, 1 << 24, (1 << 24) + 1, int.MaxValue - N })
        {
            V.FirstIndex(Mask(all), V.Indices(start)).ShouldBe(start);
            for (var lane = 0; lane < N; lane++)
            {
                var only = new bool[N];
                only[lane] = true;
                // Past 2^24 a float could not hold start + lane exactly; the index lanes are ints.
                V.FirstIndex(Mask(only), V.Indices(start)).ShouldBe(start + lane, $"start {start}, lane {lane}");
            }
        }
    }

    [Fact]
    public void FirstIndex_of_no_lane_is_0()
    {
        V.FirstIndex(V.Zero, V.Indices(12345)).ShouldBe(0);
    }

    [Fact]
    public void Select_moves_indices_lane_by_lane_and_FirstIndex_takes_the_smallest_set()
    {
        var random = new Random(11);
        for (var round = 0; round < 500; round++)
        {
            var model = new int[N];
            var at = V.Zero;
            for (var step = 0; step < 6; step++)
            {
                var start = random.Next(0, 3) == 0 ? random.Next(int.MaxValue - N) : random.Next(1000);
                var take = Enumerable.Range(0, N).Select(_ => random.Next(2) == 0).ToArray();
                at = V.Select(Mask(take), V.Indices(start), at);
                for (var l = 0; l < N; l++) if (take[l]) model[l] = start + l;
            }
            var set = Enumerable.Range(0, N).Select(_ => random.Next(3) != 0).ToArray();
            var expected = set.Any(b => b) ? Enumerable.Range(0, N).Where(l => set[l]).Min(l => model[l]) : 0;
            V.FirstIndex(Mask(set), at).ShouldBe(expected, $"indices [{string.Join(", ", model)}], set [{string.Join(", ", set)}]");
        }
    }
}

public sealed class F512Indices : IndexLaneContract<F512, float>;
public sealed class F256Indices : IndexLaneContract<F256, float>;
public sealed class F128Indices : IndexLaneContract<F128, float>;
public sealed class F1Indices : IndexLaneContract<F1, float>;
public sealed class D512Indices : IndexLaneContract<D512, double>;
public sealed class D256Indices : IndexLaneContract<D256, double>;
public sealed class D128Indices : IndexLaneContract<D128, double>;
public sealed class D1Indices : IndexLaneContract<D1, double>;
