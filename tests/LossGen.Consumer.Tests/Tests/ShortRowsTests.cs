using System;
using System.Linq;
using LossGen.Consumer.Tests.Declarations;
using LossGen.Consumer.Tests.Support;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>
/// User losses with short rows, at sizes around the lane count L (8 doubles and 16 floats with
/// AVX-512; 4 and 8 with AVX2): N below, at and above one block and with a remainder, C from 1 to
/// past L. Rows-across-lanes blocks then process most rows and the row-at-a-time code the rest;
/// both must match the plain C# reference, centered differences and each other (float vs double).
/// </summary>
public class ShortRowsTests
{
    public static TheoryData<int, int> Shapes() => ShapesWithClasses(1, 7, 8, 9, 17);

    public static TheoryData<int, int> ShapesWithTwoOrMoreClasses() => ShapesWithClasses(2, 7, 8, 9, 17);

    private static TheoryData<int, int> ShapesWithClasses(params int[] classes)
    {
        var data = new TheoryData<int, int>();
        foreach (var n in new[] { 3, 7, 8, 9, 16, 17, 35 })
            foreach (var c in classes)
                data.Add(n, c);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ColumnMajorSoftmax_matches_reference_and_gradient(int n, int c)
    {
        var rng = new Random(n * 100 + c);
        var y = Inputs.Labels(rng, n, c);
        var t = Inputs.Uniform(rng, c * n, -4, 4);
        new LossCase
        {
            Params = new[] { t },
            Value = () => ColumnMajorSoftmax.Value(t, y, c, n),
            ValueAndGradient = g => ColumnMajorSoftmax.ValueAndGradient(t, y, c, n, g[0]),
            ValueFloat = () => ColumnMajorSoftmax.Value(LossCase.ToFloat(t), y, c, n),
            ValueAndGradientFloat = g => ColumnMajorSoftmax.ValueAndGradient(LossCase.ToFloat(t), y, c, n, g[0]),
            Reference = () => Enumerable.Range(0, n).Sum(i =>
            {
                var column = Enumerable.Range(0, c).Select(j => t[j * n + i]).ToArray();
                return Inputs.LogSumExp(column) - column[y[i]];
            }) / n,
        }.CheckAll();
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void OrdinalSoftplus_matches_reference_and_gradient(int n, int c)
    {
        var rng = new Random(n * 100 + c + 1);
        var y = Inputs.Labels(rng, n, c);
        var s = Inputs.Uniform(rng, n * c, -3, 3);
        new LossCase
        {
            Params = new[] { s },
            Value = () => OrdinalSoftplus.Value(s, y, n, c),
            ValueAndGradient = g => OrdinalSoftplus.ValueAndGradient(s, y, n, c, g[0]),
            ValueFloat = () => OrdinalSoftplus.Value(LossCase.ToFloat(s), y, n, c),
            ValueAndGradientFloat = g => OrdinalSoftplus.ValueAndGradient(LossCase.ToFloat(s), y, n, c, g[0]),
            Reference = () => Enumerable.Range(0, n).Sum(i => Enumerable.Range(0, c).Sum(j =>
                j < y[i] ? Inputs.Softplus(s[i * c + j]) : Inputs.Softplus(-s[i * c + j]))) / n,
        }.CheckAll();
    }

    /// <summary>
    /// C ≥ 2: with one class the gradient of s is exactly zero in double, and the float kernels
    /// (row by row too) leave a rounding residue of ~1e-9 that no relative tolerance admits.
    /// </summary>
    [Theory]
    [MemberData(nameof(ShapesWithTwoOrMoreClasses))]
    public void TemperedBiasSoftmax_matches_reference_and_gradient(int n, int c)
    {
        var rng = new Random(n * 100 + c + 2);
        var y = Inputs.Labels(rng, n, c);
        var s = Inputs.Uniform(rng, n * c, -2, 2);
        var u = Inputs.Uniform(rng, n, 0.5, 2);
        var b = Inputs.Uniform(rng, c, -1, 1);
        new LossCase
        {
            Params = new[] { s, u, b },
            Value = () => TemperedBiasSoftmax.Value(s, u, b, y, n, c),
            ValueAndGradient = g => TemperedBiasSoftmax.ValueAndGradient(s, u, b, y, n, c, g[0], g[1], g[2]),
            ValueFloat = () => TemperedBiasSoftmax.Value(LossCase.ToFloat(s), LossCase.ToFloat(u), LossCase.ToFloat(b), y, n, c),
            ValueAndGradientFloat = g => TemperedBiasSoftmax.ValueAndGradient(LossCase.ToFloat(s), LossCase.ToFloat(u), LossCase.ToFloat(b), y, n, c, g[0], g[1], g[2]),
            Reference = () => Enumerable.Range(0, n).Sum(i =>
            {
                var row = Enumerable.Range(0, c).Select(j => u[i] * s[i * c + j] + b[j]).ToArray();
                return Inputs.LogSumExp(row) - row[y[i]];
            }) / n,
        }.CheckAll();
    }

    /// <summary>Rank-2 labels: K targets per row, so lane l's label is y[i + l, t] (a label stride of K).</summary>
    [Theory]
    [InlineData(17, 3, 2)]
    [InlineData(9, 8, 3)]
    [InlineData(35, 1, 1)]
    public void MultiTargetSoftmax_with_many_rows_matches_reference_and_gradient(int n, int c, int k)
    {
        var rng = new Random(n * 100 + c + k);
        var y = Inputs.Labels(rng, n * k, c);
        var s = Inputs.Uniform(rng, n * c, -3, 3);
        new LossCase
        {
            Params = new[] { s },
            Value = () => MultiTargetSoftmax.Value(s, y, n, c, k),
            ValueAndGradient = g => MultiTargetSoftmax.ValueAndGradient(s, y, n, c, k, g[0]),
            ValueFloat = () => MultiTargetSoftmax.Value(LossCase.ToFloat(s), y, n, c, k),
            ValueAndGradientFloat = g => MultiTargetSoftmax.ValueAndGradient(LossCase.ToFloat(s), y, n, c, k, g[0]),
            Reference = () => Enumerable.Range(0, n).Sum(i =>
            {
                var row = s.AsSpan(i * c, c);
                var lse = Inputs.LogSumExp(row);
                return Enumerable.Range(0, k).Sum(t => lse - s[i * c + y[i * k + t]]);
            }) / n,
        }.CheckAll();
    }
    public static TheoryData<int, int> ShapesForTiedMax() => ShapesWithClasses(2, 7, 9, 16, 17, 33, 70);

    /// <summary>
    /// Crammer–Singer and MinMargin: a Max (Min) over the row whose gradient goes to the element it
    /// selected, recorded per lane in a block. Scores keep the selected element unique and every
    /// hinge away from its kink, so centered differences apply.
    /// </summary>
    [Theory]
    [MemberData(nameof(ShapesForTiedMax))]
    public void Tied_extremes_in_blocks_match_reference_and_gradient(int n, int c)
    {
        var rng = new Random(n * 100 + c + 7);
        var y = Inputs.Labels(rng, n, c);
        var s = new double[n * c];
        for (var i = 0; i < n; i++)
        {
            double[] row;
            do row = Inputs.Uniform(rng, c, -2, 2);
            while (!SelectionIsClear(row, y[i]));
            Array.Copy(row, 0, s, i * c, c);
        }
        new LossCase
        {
            Params = new[] { s },
            Value = () => CrammerSinger.Value(s, y, n, c),
            ValueAndGradient = g => CrammerSinger.ValueAndGradient(s, y, n, c, g[0]),
            ValueFloat = () => CrammerSinger.Value(LossCase.ToFloat(s), y, n, c),
            ValueAndGradientFloat = g => CrammerSinger.ValueAndGradient(LossCase.ToFloat(s), y, n, c, g[0]),
            Reference = () => Enumerable.Range(0, n).Sum(i =>
                Math.Max(0, 1 + Enumerable.Range(0, c).Max(j => j == y[i] ? -1e30 : s[i * c + j]) - s[i * c + y[i]])) / n,
        }.CheckAll();
        new LossCase
        {
            Params = new[] { s },
            Value = () => MinMargin.Value(s, y, n, c),
            ValueAndGradient = g => MinMargin.ValueAndGradient(s, y, n, c, g[0]),
            ValueFloat = () => MinMargin.Value(LossCase.ToFloat(s), y, n, c),
            ValueAndGradientFloat = g => MinMargin.ValueAndGradient(LossCase.ToFloat(s), y, n, c, g[0]),
            Reference = () => Enumerable.Range(0, n).Sum(i =>
                Inputs.Softplus(-Enumerable.Range(0, c).Min(j => j == y[i] ? 1e30 : s[i * c + y[i]] - s[i * c + j]))) / n,
        }.CheckAll();
    }

    /// <summary>The largest score other than the label's is unique by 1e-3 and the hinge 1 + max − s_y is 1e-3 from 0.</summary>
    private static bool SelectionIsClear(double[] row, int label)
    {
        var others = row.Where((_, j) => j != label).OrderByDescending(v => v).ToArray();
        if (others.Length == 0) return true;
        if (others.Length > 1 && others[0] - others[1] < 1e-3) return false;
        return Math.Abs(1 + others[0] - row[label]) > 1e-3;
    }

    /// <summary>
    /// Exact ties: with equal largest scores the gradient goes to the first of them, in a block
    /// (each lane its own row) exactly as in the row-at-a-time code, which a single row takes.
    /// </summary>
    [Theory]
    [InlineData(16, 5)]
    [InlineData(17, 10)]
    [InlineData(40, 33)]
    public void Tied_extremes_in_blocks_pick_the_first_of_equal_elements_like_the_row_code(int n, int c)
    {
        var rng = new Random(n + c);
        var y = Inputs.Labels(rng, n, c);
        var s = new double[n * c];
        for (var k = 0; k < s.Length; k++) s[k] = rng.Next(3) * 0.5; // a few values: many exact ties
        var blocked = new double[n * c];
        CrammerSinger.ValueAndGradient(s, y, n, c, blocked);
        var blockedF = new float[n * c];
        CrammerSinger.ValueAndGradient(LossCase.ToFloat(s), y, n, c, blockedF);
        for (var i = 0; i < n; i++)
        {
            var one = new double[c];
            CrammerSinger.ValueAndGradient(s.AsSpan(i * c, c), y.AsSpan(i, 1), 1, c, one);
            var oneF = new float[c];
            CrammerSinger.ValueAndGradient(LossCase.ToFloat(s).AsSpan(i * c, c), y.AsSpan(i, 1), 1, c, oneF);
            for (var j = 0; j < c; j++)
            {
                // The single row's gradient is N times the row's share of the mean.
                Assert.Equal(one[j] / n, blocked[i * c + j], 15);
                Assert.Equal(oneF[j] / n, blockedF[i * c + j], 6);
            }
        }
    }
}
