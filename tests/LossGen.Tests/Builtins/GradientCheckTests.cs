using System;
using System.Linq;
using LossGen.Builtins;
using Xunit;

namespace LossGen.Tests.Builtins;

/// <summary>
/// Every built-in's analytic gradient (double) against centered differences. Inputs are drawn so
/// no hinge sits within the probe step of its kink: a margin within 1e-3 of 0 is redrawn.
/// </summary>
public class GradientCheckTests
{
    private static double[] Normal(Random r, int n, double scale = 1) =>
        Enumerable.Range(0, n).Select(_ => scale * (r.NextDouble() * 2 - 1)).ToArray();

    private static (double[] S, int[] Y) ScoresAwayFromKinks(Random r, int n, int c, double delta)
    {
        while (true)
        {
            var s = Normal(r, n * c, 2);
            var y = Enumerable.Range(0, n).Select(_ => r.Next(c)).ToArray();
            var nearKink = false;
            for (var i = 0; i < n; i++)
                for (var j = 0; j < c; j++)
                    if (j != y[i] && Math.Abs(s[i * c + j] - s[i * c + y[i]] + delta) < 1e-3) nearKink = true;
            if (!nearKink) return (s, y);
        }
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(5, 1)]
    [InlineData(7, 5)]
    [InlineData(9, 37)]
    public void Score_losses(int n, int c)
    {
        var r = new Random(n * 100 + c);
        var (s, y) = ScoresAwayFromKinks(r, n, c, 1.0);
        var ds = new double[s.Length];

        MulticlassSvm.ValueAndGradient(s, y, n, c, ds);
        CenteredDifference.AssertMatches(ds, CenteredDifference.Gradient(s, x => MulticlassSvm.Value(x, y, n, c)), "svm ds");

        SquaredHingeSvm.ValueAndGradient(s, y, n, c, ds);
        CenteredDifference.AssertMatches(ds, CenteredDifference.Gradient(s, x => SquaredHingeSvm.Value(x, y, n, c)), "squared hinge ds");

        SoftmaxCrossEntropy.ValueAndGradient(s, y, n, c, ds);
        CenteredDifference.AssertMatches(ds, CenteredDifference.Gradient(s, x => SoftmaxCrossEntropy.Value(x, y, n, c)), "softmax ds");
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(6, 8)]
    [InlineData(20, 19)]
    public void Linear_model_losses(int n, int d)
    {
        var r = new Random(n * 7 + d);
        var X = Normal(r, n * d);
        var w = Normal(r, d, 0.5);
        var y = Enumerable.Range(0, n).Select(_ => r.Next(2) == 0 ? -1.0 : 1.0).ToArray();
        // Keep every hinge margin 1 − y·wᵀx away from 0.
        for (var i = 0; i < n; i++)
        {
            var m = 1 - y[i] * Enumerable.Range(0, d).Sum(k => X[i * d + k] * w[k]);
            if (Math.Abs(m) < 1e-2) y[i] = -y[i];
        }
        var dw = new double[d];

        BinaryHinge.ValueAndGradient(X, w, y, n, d, dw);
        CenteredDifference.AssertMatches(dw, CenteredDifference.Gradient(w, v => BinaryHinge.Value(X, v, y, n, d)), "hinge dw");

        LeastSquares.ValueAndGradient(X, w, y, n, d, dw);
        CenteredDifference.AssertMatches(dw, CenteredDifference.Gradient(w, v => LeastSquares.Value(X, v, y, n, d)), "least squares dw");
    }

    [Fact]
    public void Regularizers()
    {
        var r = new Random(3);
        // |w| has a kink at 0: keep every weight at least 1e-3 away from it.
        var w = Normal(r, 23).Select(v => Math.Abs(v) < 1e-3 ? 0.5 : v).ToArray();
        var dw = new double[w.Length];

        L2.ValueAndGradient(w, w.Length, dw);
        CenteredDifference.AssertMatches(dw, CenteredDifference.Gradient(w, v => L2.Value(v, v.Length)), "L2");
        L1.ValueAndGradient(w, w.Length, dw);
        CenteredDifference.AssertMatches(dw, CenteredDifference.Gradient(w, v => L1.Value(v, v.Length)), "L1");
        ElasticNet.ValueAndGradient(w, w.Length, dw, 0.3);
        CenteredDifference.AssertMatches(dw, CenteredDifference.Gradient(w, v => ElasticNet.Value(v, v.Length, 0.3)), "elastic net");
    }

    [Theory]
    [InlineData(1, 3, 2)]
    [InlineData(8, 5, 4)]
    [InlineData(13, 9, 17)]
    public void Linear_classifier_objectives(int n, int d, int c)
    {
        // Redraw (deterministically) until no SVM margin of s = XW + b is within 1e-3 of its kink.
        var r = new Random(n + 10 * d + 100 * c);
        double[] X, W, b;
        int[] y;
        do
        {
            X = Normal(r, n * d);
            W = Normal(r, d * c, 0.7);
            b = Normal(r, c, 0.3);
            y = Enumerable.Range(0, n).Select(_ => r.Next(c)).ToArray();
        } while (NearSvmKink(X, W, b, y, n, d, c));
        var dW = new double[W.Length];
        var db = new double[b.Length];
        const double lambda = 0.05;

        LinearSoftmax.ValueAndGradient(X, W, b, y, n, d, c, dW, db, lambda);
        CenteredDifference.AssertMatches(dW, CenteredDifference.Gradient(W, v => LinearSoftmax.Value(X, v, b, y, n, d, c, lambda)), "softmax dW");
        CenteredDifference.AssertMatches(db, CenteredDifference.Gradient(b, v => LinearSoftmax.Value(X, W, v, y, n, d, c, lambda)), "softmax db");

        LinearSvm.ValueAndGradient(X, W, b, y, n, d, c, dW, db, 1.0, lambda);
        CenteredDifference.AssertMatches(dW, CenteredDifference.Gradient(W, v => LinearSvm.Value(X, v, b, y, n, d, c, 1.0, lambda)), "svm dW");
        CenteredDifference.AssertMatches(db, CenteredDifference.Gradient(b, v => LinearSvm.Value(X, W, v, y, n, d, c, 1.0, lambda)), "svm db");
    }

    private static bool NearSvmKink(double[] X, double[] W, double[] b, int[] y, int n, int d, int c)
    {
        var s = new double[n * c];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < c; j++)
                s[i * c + j] = b[j] + Enumerable.Range(0, d).Sum(k => X[i * d + k] * W[k * c + j]);
        return Enumerable.Range(0, n).Any(i => Enumerable.Range(0, c).Any(j => j != y[i] && Math.Abs(s[i * c + j] - s[i * c + y[i]] + 1) < 1e-3));
    }

    [Fact]
    public void ValueAndGradient_returns_the_same_value_as_Value()
    {
        var r = new Random(11);
        var (s, y) = ScoresAwayFromKinks(r, 17, 23, 1.0);
        var ds = new double[s.Length];
        Assert.Equal(MulticlassSvm.Value(s, y, 17, 23), MulticlassSvm.ValueAndGradient(s, y, 17, 23, ds), 12);
        Assert.Equal(SoftmaxCrossEntropy.Value(s, y, 17, 23), SoftmaxCrossEntropy.ValueAndGradient(s, y, 17, 23, ds), 12);
    }
}
