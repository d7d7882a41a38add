using System;
using System.Linq;
using System.Runtime.InteropServices;
using LossGen.Builtins;
using LossGen.Consumer.Tests.Declarations;
using LossGen.Consumer.Tests.Support;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>
/// Issue 12's two run-time rules for every generated loss entry point, on the built-in
/// LinearSoftmax and on user declarations: a gradient span sharing memory with an input or with
/// another gradient, and a NaN or infinite hyper-parameter, are refused with an ArgumentException
/// naming the parameter(s) before anything is written. Each buffer the call could write is filled
/// with a sentinel first and must still hold it; an aliased input must still hold its values.
/// </summary>
public class AliasingAndHyperParameterTests
{
    private const double Sentinel = -777.25;

    private static double[] Filled(int length) => Enumerable.Repeat(Sentinel, length).ToArray();

    private static void AssertUntouched(ReadOnlySpan<double> buffer)
    {
        foreach (var v in buffer) Assert.Equal(Sentinel, v);
    }

    private static ArgumentException Throws(Action call, string parameter, params string[] messageParts)
    {
        var e = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(parameter, e.ParamName);
        foreach (var part in messageParts) Assert.Contains(part, e.Message);
        return e;
    }

    private const int N = 6, D = 5, C = 4;

    private static (double[] X, double[] W, double[] b, int[] y) Softmax(int seed)
    {
        var rng = new Random(seed);
        return (Inputs.Uniform(rng, N * D, -1, 1), Inputs.Uniform(rng, D * C, -1, 1), Inputs.Uniform(rng, C, -0.5, 0.5), Inputs.Labels(rng, N, C));
    }

    /// <summary>
    /// The table's row: with dW written over W the kernel reads weights it has already overwritten
    /// with gradient (the loss came out 0.1530 where it is 0.1733). Now the call throws, W keeps its
    /// values, and the loss with a buffer of its own is unchanged.
    /// </summary>
    [Fact]
    public void LinearSoftmax_with_dW_over_W_is_refused_and_W_is_untouched()
    {
        var (X, W, b, y) = Softmax(1);
        var expected = LinearSoftmax.Value(X, W, b, y, N, D, C);
        var weights = W.ToArray();
        var db = Filled(C);
        Throws(() => LinearSoftmax.ValueAndGradient(X, W, b, y, N, D, C, W, db), "dW", "'dW' overlaps 'W'");
        Assert.Equal(weights, W);
        AssertUntouched(db);

        var dW = new double[D * C];
        Assert.Equal(expected, LinearSoftmax.ValueAndGradient(X, W, b, y, N, D, C, dW, db));
    }

    [Fact]
    public void LinearSoftmax_in_float_refuses_a_bias_gradient_inside_the_weight_gradient()
    {
        var (X, W, b, y) = Softmax(2);
        var storage = Enumerable.Repeat((float)Sentinel, D * C + C).ToArray();
        // db starts at the last row of dW: the two gradient spans overlap by C elements.
        Throws(() => LinearSoftmax.ValueAndGradient(LossCase.ToFloat(X), LossCase.ToFloat(W), LossCase.ToFloat(b), y, N, D, C,
                storage.AsSpan(0, D * C), storage.AsSpan(D * C - C, C)), "db", "'db' overlaps 'dW'");
        Assert.All(storage, v => Assert.Equal((float)Sentinel, v));
    }

    /// <summary>A gradient over the constant data is refused too: the kernel reads X after writing dW.</summary>
    [Fact]
    public void A_user_gradient_overlapping_a_constant_input_is_refused()
    {
        const int n = 4, d = 3;
        var rng = new Random(3);
        var buffer = Inputs.Uniform(rng, n * d + d, -1, 1);
        var before = buffer.ToArray();
        var w = Inputs.Uniform(rng, d, -1, 1);
        var t = Inputs.Uniform(rng, n, -1, 1);
        // dw is the last d elements of X's storage plus d more.
        Throws(() => HuberRegression.ValueAndGradient(buffer.AsSpan(0, n * d), w, t, n, d, buffer.AsSpan(n * d - 1, d)), "dw", "'dw' overlaps 'X'");
        Assert.Equal(before, buffer);
        Throws(() => HuberRegression.ValueAndGradient(buffer.AsSpan(0, n * d), w, t, n, d, w), "dw", "'dw' overlaps 'w'");
    }

    /// <summary>Labels are int and the gradient double: sharing bytes is caught all the same.</summary>
    [Fact]
    public void A_gradient_over_the_labels_bytes_is_refused()
    {
        var (_, _, _, y) = Softmax(4);
        var bytes = new byte[N * C * sizeof(double)];
        var s = Inputs.Uniform(new Random(5), N * C, -2, 2);
        var labels = MemoryMarshal.Cast<byte, int>(bytes.AsSpan()).Slice(0, N);
        y.CopyTo(labels);
        var copy = bytes.ToArray();
        var e = Assert.ThrowsAny<ArgumentException>(() =>
        {
            var ds = MemoryMarshal.Cast<byte, double>(bytes.AsSpan());
            NaiveSoftmax.ValueAndGradient(s, MemoryMarshal.Cast<byte, int>(bytes.AsSpan()).Slice(0, N), N, C, ds);
        });
        Assert.Equal("ds", e.ParamName);
        Assert.Contains("'ds' overlaps 'y'", e.Message);
        Assert.Equal(copy, bytes);
    }

    /// <summary>Two inputs may share memory: nothing writes them, so the value is the same.</summary>
    [Fact]
    public void Inputs_sharing_memory_are_accepted()
    {
        const int n = 4, d = 3;
        var rng = new Random(6);
        var X = Inputs.Uniform(rng, n * d, -1, 1);
        var w = X.AsSpan(0, d).ToArray();
        var apart = HuberRegression.Value(X, w, X.AsSpan(0, n).ToArray(), n, d);
        Assert.Equal(apart, HuberRegression.Value(X, X.AsSpan(0, d), X.AsSpan(0, n), n, d));
    }

    public static TheoryData<double> NonFinite => new() { double.NaN, double.PositiveInfinity, double.NegativeInfinity };

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void A_non_finite_loss_hyper_parameter_is_refused_in_every_entry_point(double bad)
    {
        var (X, W, b, y) = Softmax(7);
        var (dW, db) = (Filled(D * C), Filled(C));
        Throws(() => LinearSoftmax.Value(X, W, b, y, N, D, C, bad), "lambda", "lambda", "finite");
        Throws(() => LinearSoftmax.ValueAndGradient(X, W, b, y, N, D, C, dW, db, bad), "lambda", "finite");
        AssertUntouched(dW);
        AssertUntouched(db);

        var dWf = Enumerable.Repeat((float)Sentinel, D * C).ToArray();
        Throws(() => LinearSoftmax.ValueAndGradient(LossCase.ToFloat(X), LossCase.ToFloat(W), LossCase.ToFloat(b), y, N, D, C,
            dWf, new float[C], (float)bad), "lambda");
        Assert.All(dWf, v => Assert.Equal((float)Sentinel, v));

        const int n = 4, d = 3;
        var dw = Filled(d);
        Throws(() => HuberRegression.ValueAndGradient(new double[n * d], new double[d], new double[n], n, d, dw, bad), "delta", "delta");
        AssertUntouched(dw);
        Throws(() => FocalLossGamma.Value(new double[N * C], y, N, C, bad), "gamma");
    }

    /// <summary>The largest finite values are accepted: the rule is finiteness, not a range.</summary>
    [Fact]
    public void Finite_hyper_parameters_of_any_size_are_accepted()
    {
        var (X, W, b, y) = Softmax(8);
        Assert.True(double.IsFinite(LinearSoftmax.Value(X, W, b, y, N, D, C, 0.0)));
        Assert.Equal(double.PositiveInfinity, LinearSoftmax.Value(X, W, b, y, N, D, C, double.MaxValue));
    }

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void A_non_finite_penalty_hyper_parameter_is_refused(double bad)
    {
        Assert.Equal("beta", Assert.ThrowsAny<ArgumentException>(() => new ElasticNet.Penalty(0.1, bad)).ParamName);
    }
}
