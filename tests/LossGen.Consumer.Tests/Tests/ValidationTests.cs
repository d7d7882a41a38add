using System;
using System.Linq;
using LossGen.Consumer.Tests.Declarations;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>
/// Run-time validation of the generated API: a bad argument is an ArgumentException whose ParamName
/// is the offending parameter and whose message names the dimensions, thrown before anything is
/// written: every gradient buffer is filled with a sentinel first and must still hold it.
/// </summary>
public class ValidationTests
{
    private const double Sentinel = -777.25;

    private static double[] Filled(int length) => Enumerable.Repeat(Sentinel, length).ToArray();

    private static void AssertUntouched(double[] buffer) => Assert.All(buffer, v => Assert.Equal(Sentinel, v));

    private static ArgumentException Throws(Action call, string parameter, params string[] messageParts)
    {
        var e = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(parameter, e.ParamName);
        foreach (var part in messageParts) Assert.Contains(part, e.Message);
        return e;
    }

    [Fact]
    public void Scores_of_the_wrong_length_name_the_shape_and_its_sizes()
    {
        const int n = 3, c = 4;
        var s = new double[n * c - 1];
        int[] y = { 0, 1, 2 };
        var ds = Filled(n * c);
        Throws(() => CrammerSinger.ValueAndGradient(s, y, n, c, ds), "s", "[N, C]", "[3, 4]", "11", "12");
        AssertUntouched(ds);
        Throws(() => CrammerSinger.Value(s, y, n, c), "s", "[N, C]", "[3, 4]");
    }

    [Fact]
    public void A_gradient_buffer_of_the_wrong_length_is_refused_before_anything_is_written()
    {
        const int n = 3, c = 4;
        var s = new double[n * c];
        int[] y = { 0, 1, 2 };
        var ds = Filled(n * c + 1);
        Throws(() => CrammerSinger.ValueAndGradient(s, y, n, c, ds), "ds", "[N, C]", "[3, 4]", "13");
        AssertUntouched(ds);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(-1)]
    public void A_label_outside_the_classes_names_the_class_dimension(int bad)
    {
        const int n = 3, c = 4;
        var s = new double[n * c];
        int[] y = { 0, bad, 2 };
        var ds = Filled(n * c);
        Throws(() => SquaredHingeDelta2.ValueAndGradient(s, y, n, c, ds), "y", "y[1]", bad.ToString(), "C = 4");
        AssertUntouched(ds);
        var dsf = Enumerable.Repeat((float)Sentinel, n * c).ToArray();
        Throws(() => SquaredHingeDelta2.ValueAndGradient(new float[n * c], y, n, c, dsf), "y", "C = 4");
        Assert.All(dsf, v => Assert.Equal((float)Sentinel, v));
    }

    [Fact]
    public void Labels_of_the_wrong_length_are_refused()
    {
        var ds = Filled(6);
        Throws(() => NaiveSoftmax.ValueAndGradient(new double[6], new[] { 0 }, 2, 3, ds), "y", "[N]", "[2]");
        AssertUntouched(ds);
    }

    /// <summary>With two gradient buffers, neither is written when the second input is wrong.</summary>
    [Fact]
    public void A_bias_of_the_wrong_length_leaves_both_gradient_buffers_untouched()
    {
        const int n = 2, d = 3, c = 5;
        var dW = Filled(d * c);
        var db = Filled(c);
        Throws(() => SquashedScores.ValueAndGradient(new double[n * d], new double[d * c], new double[c + 2], n, d, c, dW, db),
            "b", "[C]", "[5]", "7");
        AssertUntouched(dW);
        AssertUntouched(db);
    }

    [Fact]
    public void A_constant_input_of_the_wrong_length_is_refused()
    {
        var dw = Filled(2);
        Throws(() => HuberRegression.ValueAndGradient(new double[6], new double[2], new double[4], 3, 2, dw), "y", "[N]", "[3]");
        AssertUntouched(dw);
    }

    /// <summary>Unannotated dimensions get inferred names, and the messages use them.</summary>
    [Fact]
    public void Inferred_dimensions_are_named_in_messages()
    {
        var da = Filled(6);
        var db = Filled(3);
        var e = Throws(() => UnannotatedRowDistance.ValueAndGradient(new double[5], new double[3], 2, 3, da, db), "a", "[2, 3]", "5");
        Assert.Matches(@"\[\w+Dim\d, \w+Dim\d\]", e.Message);
        AssertUntouched(da);
        AssertUntouched(db);
    }

    [Fact]
    public void A_negative_dimension_is_refused()
    {
        var ds = Filled(0);
        Throws(() => NaiveSoftmax.ValueAndGradient(Array.Empty<double>(), Array.Empty<int>(), -1, 0, ds), "n", "N");
    }

    /// <summary>A Mean over an empty dimension would be 0/0: refused rather than NaN.</summary>
    [Fact]
    public void A_mean_over_no_rows_is_refused()
    {
        Throws(() => LogisticRegression.Value(Array.Empty<double>(), new double[2], Array.Empty<double>(), 0, 2), "n", "N");
    }
}

/// <summary>The names the generated API gives to inferred dimensions, seen through reflection as a user's IDE shows them.</summary>
public class InferredNameTests
{
    private static string[] ParameterNames(Type type) =>
        type.GetMethods().First(m => m.Name == "Value" && m.ReturnType == typeof(double)).GetParameters().Select(p => p.Name!).ToArray();

    /// <summary>
    /// The naming rule (InferShapes.FallbackName): an unannotated dimension is named after the
    /// first axis it was seen on. In Σ_ij (a_ij − b_j)² the second dimension is first seen as a's
    /// axis 1, so it is aDim1; in the inferred softmax (LogSumExp over s[i, j], then s[i, y[i]])
    /// N is first seen on s, so it is sDim0.
    /// </summary>
    [Fact]
    public void Inferred_dimensions_are_named_after_the_first_axis_they_appear_on()
    {
        Assert.Equal(new[] { "a", "b", "aDim0", "aDim1" }, ParameterNames(typeof(UnannotatedRowDistance)));
        Assert.Equal(new[] { "s", "y", "sDim0", "sDim1" }, ParameterNames(typeof(ConsumerOuter.InferredSoftmax)));
    }
}
