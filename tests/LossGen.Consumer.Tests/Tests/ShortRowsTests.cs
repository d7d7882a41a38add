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
}
