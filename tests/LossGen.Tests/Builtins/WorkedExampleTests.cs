using System;
using LossGen.Builtins;
using Xunit;

namespace LossGen.Tests.Builtins;

/// <summary>The seed's worked examples, which the built-ins must reproduce exactly.</summary>
public class WorkedExampleTests
{
    // Rows are examples; labels 0, 1, 2 (the cat, car and frog rows of the seed).
    private static readonly double[] Scores = { 3.2, 5.1, -1.7, 1.3, 4.9, 2.0, 2.2, 2.5, -3.1 };
    private static readonly int[] Labels = { 0, 1, 2 };

    [Theory]
    [InlineData(0, 2.9)]
    [InlineData(1, 0.0)]
    [InlineData(2, 12.9)]
    public void Svm_loss_of_each_row(int row, double expected)
    {
        var loss = MulticlassSvm.Value(Scores.AsSpan(row * 3, 3), Labels.AsSpan(row, 1), 1, 3);
        Assert.Equal(expected, loss, 12);
    }

    [Fact]
    public void Svm_mean_over_the_three_rows_is_5_2667()
    {
        var loss = MulticlassSvm.Value(Scores, Labels, 3, 3);
        Assert.Equal((2.9 + 0 + 12.9) / 3, loss, 12);
        Assert.Equal(5.2667, loss, 4);
    }

    [Fact]
    public void Softmax_loss_of_the_first_row_is_2_0404_in_natural_log()
    {
        // −log(e^3.2 / (e^3.2 + e^5.1 + e^−1.7)); the slide's 0.89 is the same quantity in log10.
        var loss = SoftmaxCrossEntropy.Value(Scores.AsSpan(0, 3), Labels.AsSpan(0, 1), 1, 3);
        var expected = -Math.Log(Math.Exp(3.2) / (Math.Exp(3.2) + Math.Exp(5.1) + Math.Exp(-1.7)));
        Assert.Equal(expected, loss, 12);
        Assert.Equal(2.0404, loss, 4);
        Assert.Equal(0.8861, loss / Math.Log(10), 4);
    }

    [Theory]
    [InlineData(10, -2, 3)]
    [InlineData(10, 9, 9)]
    [InlineData(10, -100, -100)]
    public void Svm_is_zero_when_the_correct_class_wins_by_the_margin(double a, double b, double c)
    {
        var scores = new[] { a, b, c };
        Assert.Equal(0.0, MulticlassSvm.Value(scores, new[] { 0 }, 1, 3));
        Assert.Equal(0.0f, MulticlassSvm.Value(Array.ConvertAll(scores, x => (float)x), new[] { 0 }, 1, 3));
    }

    [Fact]
    public void Float_and_double_agree_on_the_worked_example()
    {
        var f = Array.ConvertAll(Scores, x => (float)x);
        Assert.Equal(MulticlassSvm.Value(Scores, Labels, 3, 3), MulticlassSvm.Value(f, Labels, 3, 3), 5);
        Assert.Equal(SoftmaxCrossEntropy.Value(Scores, Labels, 3, 3), SoftmaxCrossEntropy.Value(f, Labels, 3, 3), 5);
    }
}
