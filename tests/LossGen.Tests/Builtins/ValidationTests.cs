using System;
using System.Linq;
using LossGen.Builtins;
using Xunit;

namespace LossGen.Tests.Builtins;

/// <summary>
/// Bad arguments throw an ArgumentException naming the parameter and the dimensions, before any
/// gradient element is written.
/// </summary>
public class ValidationTests
{
    private static float[] Sentinel(int n) => Enumerable.Repeat(-7f, n).ToArray();

    [Fact]
    public void Scores_of_the_wrong_length()
    {
        var ds = Sentinel(30);
        var e = Assert.Throws<ArgumentException>(() => MulticlassSvm.ValueAndGradient(new float[29], new int[3], 3, 10, ds));
        Assert.Equal("s", e.ParamName);
        Assert.Contains("[N, C] = [3, 10]", e.Message);
        Assert.Contains("29", e.Message);
        Assert.All(ds, v => Assert.Equal(-7f, v));
    }

    [Fact]
    public void Gradient_of_the_wrong_length()
    {
        var ds = Sentinel(31);
        var e = Assert.Throws<ArgumentException>(() => SoftmaxCrossEntropy.ValueAndGradient(new float[30], new int[3], 3, 10, ds));
        Assert.Equal("ds", e.ParamName);
        Assert.All(ds, v => Assert.Equal(-7f, v));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(-1)]
    public void Label_outside_the_classes(int label)
    {
        var ds = Sentinel(30);
        var e = Assert.Throws<ArgumentException>(() =>
            SoftmaxCrossEntropy.ValueAndGradient(new float[30], new[] { 0, label, 2 }, 3, 10, ds));
        Assert.Equal("y", e.ParamName);
        Assert.Contains($"y[1] = {label}", e.Message);
        Assert.Contains("C = 10", e.Message);
        Assert.All(ds, v => Assert.Equal(-7f, v));
    }

    [Fact]
    public void Inconsistent_dimensions_between_tensors()
    {
        var dW = Sentinel(12);
        var db = Sentinel(4);
        // X is [N, D] = [2, 3] but W is [D, C] with D = 3, C = 4 → 12; pass b of the wrong class count.
        var e = Assert.Throws<ArgumentException>(() =>
            LinearSoftmax.ValueAndGradient(new float[6], new float[12], new float[5], new[] { 0, 1 }, 2, 3, 4, dW, db));
        Assert.Equal("b", e.ParamName);
        Assert.Contains("[C] = [4]", e.Message);
        Assert.All(dW, v => Assert.Equal(-7f, v));
    }

    [Fact]
    public void Negative_dimension_and_empty_mean()
    {
        Assert.Equal("n", Assert.Throws<ArgumentException>(() => MulticlassSvm.Value(new float[0], new int[0], -1, 0)).ParamName);
        var e = Assert.Throws<ArgumentException>(() => MulticlassSvm.Value(new float[0], new int[0], 0, 10));
        Assert.Equal("n", e.ParamName);
        Assert.Contains("averages over N", e.Message);
    }
}
