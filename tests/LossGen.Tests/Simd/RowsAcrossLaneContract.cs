using System;
using System.Linq;
using System.Numerics;
using LossGen.CompilerServices;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Simd;

/// <summary>
/// The rows-across-lanes members of every lane type against their definitions, element by
/// element: lane l of a strided load is <c>source[offset + l·stride]</c>, a labeled one adds
/// <c>labels[labelOffset + l·labelStride]·scale</c>, a tile holds element j of row l at
/// <c>j·Count + l</c>. Sources hold distinct values (their own index), so a wrong element shows;
/// destinations start from a sentinel, so a write outside the lanes shows.
/// </summary>
public abstract class RowsAcrossLaneContract<V, T>
    where V : struct, ILanes<V, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static int L => V.Count;

    private static readonly T Sentinel = T.CreateChecked(-7.25);

    private static T[] Indexed(int length) => Enumerable.Range(0, length).Select(k => T.CreateChecked(k + 0.5)).ToArray();

    private static T[] Lanes(V v)
    {
        var lanes = new T[L];
        V.Store(lanes, 0, v);
        return lanes;
    }

    private static V Make(Func<int, double> lane) => V.Load(Enumerable.Range(0, L).Select(l => T.CreateChecked(lane(l))).ToArray(), 0);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 3)]
    [InlineData(2, 10)]
    [InlineData(1, 17)]
    public void LoadStrided_reads_one_element_per_lane(int offset, int stride)
    {
        var source = Indexed(offset + L * stride + 3);
        var lanes = Lanes(V.LoadStrided(source, offset, stride));
        for (var l = 0; l < L; l++) lanes[l].ShouldBe(source[offset + l * stride]);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(4, 3)]
    [InlineData(1, 11)]
    public void StoreStrided_and_AddToStrided_touch_only_their_elements(int offset, int stride)
    {
        var length = offset + L * stride + 2;
        var value = Make(l => 100 + l);
        var stored = Enumerable.Repeat(Sentinel, length).ToArray();
        V.StoreStrided(stored, offset, stride, value);
        var added = Indexed(length);
        V.AddToStrided(added, offset, stride, value);
        for (var k = 0; k < length; k++)
        {
            var lane = (k - offset) % stride == 0 && k >= offset && (k - offset) / stride < L ? (k - offset) / stride : -1;
            stored[k].ShouldBe(lane >= 0 ? T.CreateChecked(100 + lane) : Sentinel, $"element {k}");
            added[k].ShouldBe(lane >= 0 ? T.CreateChecked(k + 0.5 + 100 + lane) : T.CreateChecked(k + 0.5), $"element {k}");
        }
    }

    [Theory]
    [InlineData(0, 7, 1, 1)]   // s[i, y[i]] with rows of 7: stride 7, scale 1
    [InlineData(3, 0, 1, 5)]   // W[k, y[i]] with k fixed: every lane in the same row, scale 5
    [InlineData(0, 1, 2, 9)]   // t[y[i, q], i], labels of rank 2 (label stride 2)
    public void LoadLabeled_adds_each_lanes_label_times_scale(int offset, int stride, int labelStride, int scale)
    {
        var random = new Random(offset * 31 + stride * 7 + labelStride + scale);
        var labels = Enumerable.Range(0, 2 + L * labelStride).Select(_ => random.Next(4)).ToArray();
        var source = Indexed(offset + L * stride + 4 * scale + 1);
        var lanes = Lanes(V.LoadLabeled(source, offset, stride, labels, 2, labelStride, scale));
        for (var l = 0; l < L; l++)
            lanes[l].ShouldBe(source[offset + l * stride + labels[2 + l * labelStride] * scale], $"lane {l}");
    }

    [Fact]
    public void AddToLabeled_counts_every_lane_when_labels_repeat()
    {
        // Stride 0: all lanes address the same row, and labels 0/1 repeat, so lanes collide.
        var labels = Enumerable.Range(0, L).Select(l => l % 2).ToArray();
        var destination = Enumerable.Repeat(T.Zero, 6).ToArray();
        V.AddToLabeled(destination, 1, 0, labels, 0, 1, 2, Make(l => l + 1));
        var expected = new double[6];
        for (var l = 0; l < L; l++) expected[1 + labels[l] * 2] += l + 1;
        for (var k = 0; k < 6; k++) destination[k].ShouldBe(T.CreateChecked(expected[k]), $"element {k}");
    }

    [Theory]
    [InlineData(IndexComparison.Equal, 1)]
    [InlineData(IndexComparison.NotEqual, 1)]
    [InlineData(IndexComparison.Less, 1)]
    [InlineData(IndexComparison.LessOrEqual, 3)]
    [InlineData(IndexComparison.Greater, 1)]
    [InlineData(IndexComparison.GreaterOrEqual, 2)]
    public void LabelMask_sets_the_lanes_whose_label_compares_true(IndexComparison op, int labelStride)
    {
        var labels = Enumerable.Range(0, 1 + L * labelStride).Select(k => k * 7 % 5).ToArray();
        var lanes = Lanes(V.Select(V.LabelMask(labels, 1, labelStride, op, 2), V.One, V.Zero));
        for (var l = 0; l < L; l++)
        {
            var label = labels[1 + l * labelStride];
            var expected = op switch
            {
                IndexComparison.Equal => label == 2,
                IndexComparison.NotEqual => label != 2,
                IndexComparison.Less => label < 2,
                IndexComparison.LessOrEqual => label <= 2,
                IndexComparison.Greater => label > 2,
                _ => label >= 2,
            };
            lanes[l].ShouldBe(expected ? T.One : T.Zero, $"lane {l}, label {label}");
        }
    }

    /// <summary>Row lengths around the 4-element pieces of the float transposition and past two vectors.</summary>
    public static TheoryData<int> RowLengths() => new() { 1, 2, 3, 4, 5, 7, 8, 9, 10, 16, 17, 33 };

    [Theory]
    [MemberData(nameof(RowLengths))]
    public void Row_blocks_transpose_into_tiles_and_back(int rowLength)
    {
        const int offset = 3;
        var source = Indexed(offset + L * rowLength + 2);
        var tile = Enumerable.Repeat(Sentinel, rowLength * L).ToArray();
        V.LoadRowsTransposed(source, offset, rowLength, tile);
        for (var l = 0; l < L; l++)
            for (var j = 0; j < rowLength; j++)
                tile[j * L + l].ShouldBe(source[offset + l * rowLength + j], $"row {l}, element {j}");

        var stored = Enumerable.Repeat(Sentinel, source.Length).ToArray();
        V.StoreRowsTransposed(stored, offset, rowLength, tile);
        var added = Indexed(source.Length);
        V.AddRowsTransposed(added, offset, rowLength, tile);
        for (var k = 0; k < source.Length; k++)
        {
            var inside = k >= offset && k < offset + L * rowLength;
            stored[k].ShouldBe(inside ? source[k] : Sentinel, $"element {k}");
            added[k].ShouldBe(inside ? source[k] + source[k] : source[k], $"element {k}");
        }
    }
}

public sealed class F512RowsContract : RowsAcrossLaneContract<F512, float>;
public sealed class F256RowsContract : RowsAcrossLaneContract<F256, float>;
public sealed class F128RowsContract : RowsAcrossLaneContract<F128, float>;
public sealed class F1RowsContract : RowsAcrossLaneContract<F1, float>;
public sealed class D512RowsContract : RowsAcrossLaneContract<D512, double>;
public sealed class D256RowsContract : RowsAcrossLaneContract<D256, double>;
public sealed class D128RowsContract : RowsAcrossLaneContract<D128, double>;
public sealed class D1RowsContract : RowsAcrossLaneContract<D1, double>;
