using System;
using LossGen.Consumer.Tests.Declarations;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>
/// A NaN score anywhere in a row makes a Max/Min reduction over it NaN, and so the loss: the vector
/// reductions take the hardware's max (which may drop a NaN that a later element replaces) and keep
/// the NaN lanes beside it. Every position of the row is tried, at row lengths that take the
/// rows-across-lanes block (C ≤ 2·V.Count), the row loop with a masked tail, and both with N not a
/// multiple of the block.
/// </summary>
public class NaNPropagationTests
{
    public static TheoryData<int, int> Shapes() => new() { { 1, 3 }, { 19, 10 }, { 17, 37 }, { 3, 70 }, { 33, 60 }, { 17, 100 } };

    private static (double[] S, int[] Y) Scores(int n, int c)
    {
        var random = new Random(n * 1000 + c);
        var s = new double[n * c];
        for (var k = 0; k < s.Length; k++) s[k] = random.NextDouble() * 4 - 2;
        var y = new int[n];
        for (var i = 0; i < n; i++) y[i] = random.Next(c);
        return (s, y);
    }

    private delegate double Loss(double[] s, int[] y, int n, int c, double[]? ds);
    private delegate float LossF(float[] s, int[] y, int n, int c, float[]? ds);

    private static void EachNaNPosition(int n, int c, Loss loss, LossF lossF, string name)
    {
        var (s, y) = Scores(n, c);
        var row = n - 1; // the last row: in the block when N is a multiple of V.Count, else in the remainder
        for (var j = 0; j < c; j++)
        {
            if (j == y[row]) continue; // the label's own score is read directly, not through the reduction
            var poisoned = (double[])s.Clone();
            poisoned[row * c + j] = double.NaN;
            var poisonedF = Array.ConvertAll(poisoned, v => (float)v);
            Assert.True(double.IsNaN(loss(poisoned, y, n, c, null)), $"{name} Value, NaN at [{row}, {j}], N={n} C={c}");
            Assert.True(double.IsNaN(loss(poisoned, y, n, c, new double[n * c])), $"{name} ValueAndGradient, NaN at [{row}, {j}]");
            Assert.True(float.IsNaN(lossF(poisonedF, y, n, c, null)), $"{name} float Value, NaN at [{row}, {j}], N={n} C={c}");
            Assert.True(float.IsNaN(lossF(poisonedF, y, n, c, new float[n * c])), $"{name} float ValueAndGradient, NaN at [{row}, {j}]");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void CrammerSinger_max_over_a_row_with_a_NaN_is_NaN(int n, int c) =>
        EachNaNPosition(n, c,
            (s, y, n, c, ds) => ds is null ? CrammerSinger.Value(s, y, n, c) : CrammerSinger.ValueAndGradient(s, y, n, c, ds),
            (s, y, n, c, ds) => ds is null ? CrammerSinger.Value(s, y, n, c) : CrammerSinger.ValueAndGradient(s, y, n, c, ds),
            nameof(CrammerSinger));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MinMargin_min_over_a_row_with_a_NaN_is_NaN(int n, int c) =>
        EachNaNPosition(n, c,
            (s, y, n, c, ds) => ds is null ? MinMargin.Value(s, y, n, c) : MinMargin.ValueAndGradient(s, y, n, c, ds),
            (s, y, n, c, ds) => ds is null ? MinMargin.Value(s, y, n, c) : MinMargin.ValueAndGradient(s, y, n, c, ds),
            nameof(MinMargin));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Softmax_logsumexp_shift_over_a_row_with_a_NaN_is_NaN(int n, int c) =>
        EachNaNPosition(n, c,
            (s, y, n, c, ds) => ds is null ? Builtins.SoftmaxCrossEntropy.Value(s, y, n, c) : Builtins.SoftmaxCrossEntropy.ValueAndGradient(s, y, n, c, ds),
            (s, y, n, c, ds) => ds is null ? Builtins.SoftmaxCrossEntropy.Value(s, y, n, c) : Builtins.SoftmaxCrossEntropy.ValueAndGradient(s, y, n, c, ds),
            "SoftmaxCrossEntropy");
}
