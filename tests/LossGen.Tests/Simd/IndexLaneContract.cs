using System;
using System.Linq;
using System.Numerics;
using LossGen.CompilerServices;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Simd;

/// <summary>
/// <see cref="ILanes{TSelf, T}.Indices"/>, <see cref="ILanes{TSelf, T}.FirstIndexOfMax"/> and
/// <see cref="ILanes{TSelf, T}.FirstIndexOfMin"/> at every width, against arrays that play the same
/// moves: index lanes built by Select from several starts (as the arg-max loop does), values with
/// many ties (including −0 and +0), then the smallest index among the lanes holding the extreme.
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

    private static V Values(double[] lanes) => V.Load(lanes.Select(T.CreateChecked).ToArray(), 0);

    [Fact]
    public void Zero_holds_index_0_and_Indices_holds_start_plus_lane()
    {
        V.FirstIndexOfMax(V.Zero, V.Zero).ShouldBe(0);
        foreach (var start in new[] { 0, 1, 37, 1 << 24, (1 << 24) + 1, int.MaxValue - N })
        {
            for (var lane = 0; lane < N; lane++)
            {
                var values = new double[N];
                values[lane] = 1;
                // Past 2^24 a float could not hold start + lane exactly; the index lanes are ints.
                V.FirstIndexOfMax(Values(values), V.Indices(start)).ShouldBe(start + lane, $"start {start}, lane {lane}");
                V.FirstIndexOfMin(Values(values.Select(v => -v).ToArray()), V.Indices(start)).ShouldBe(start + lane, $"start {start}, lane {lane}");
            }
        }
    }

    [Fact]
    public void Select_moves_indices_lane_by_lane_and_the_smallest_index_of_the_extreme_wins()
    {
        var random = new Random(11);
        double[] levels = [-2, -1, -0.0, 0, 1, 2];
        for (var round = 0; round < 2000; round++)
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
            var values = Enumerable.Range(0, N).Select(_ => levels[random.Next(levels.Length)]).ToArray();
            var (max, min) = (values.Max(), values.Min());
            var firstOfMax = Enumerable.Range(0, N).Where(l => values[l] == max).Min(l => model[l]);
            var firstOfMin = Enumerable.Range(0, N).Where(l => values[l] == min).Min(l => model[l]);
            var what = $"values [{string.Join(", ", values)}], indices [{string.Join(", ", model)}]";
            V.FirstIndexOfMax(Values(values), at).ShouldBe(firstOfMax, what);
            V.FirstIndexOfMin(Values(values), at).ShouldBe(firstOfMin, what);
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
