using System;
using System.Linq;
using LossGen.Builtins;
using Xunit;

namespace LossGen.Tests.Builtins;

/// <summary>
/// The built-ins at sizes around the lane count L (8 doubles / 16 floats with AVX-512, 4 / 8 with
/// AVX2), where the rows-across-lanes blocks take V.Count rows at a time and the row-at-a-time
/// code the remaining N mod L rows (all rows when N &lt; L, or when C is long): C = 1, L − 1, L,
/// L + 1, and around the limits of the block path, 2L (a single sum per row) and 4L (a row with a
/// max or log-sum-exp); N below, at and above one block. Double gradients against centered differences, float
/// value and gradient against a plain double reference written here.
/// </summary>
public class RowsAcrossLanesTests
{
    public static TheoryData<int, int> Shapes()
    {
        var data = new TheoryData<int, int>();
        foreach (var n in new[] { 3, 7, 8, 9, 16, 17, 35 })
            foreach (var c in new[] { 1, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 64, 65, 100 })
                data.Add(n, c);
        return data;
    }

    /// <summary>Scores in [−2, 2] with every SVM margin s_j − s_y + 1 at least 1e-3 from its kink.</summary>
    private static (double[] S, int[] Y) Scores(int n, int c)
    {
        var r = new Random(n * 1000 + c);
        var s = new double[n * c];
        var y = new int[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = r.Next(c);
            bool nearKink;
            do
            {
                for (var j = 0; j < c; j++) s[i * c + j] = r.NextDouble() * 4 - 2;
                nearKink = Enumerable.Range(0, c).Any(j => j != y[i] && Math.Abs(s[i * c + j] - s[i * c + y[i]] + 1) < 1e-3);
            } while (nearKink);
        }
        return (s, y);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Double_gradients_match_centered_differences(int n, int c)
    {
        var (s, y) = Scores(n, c);
        var ds = new double[s.Length];

        MulticlassSvm.ValueAndGradient(s, y, n, c, ds);
        CenteredDifference.AssertMatches(ds, CenteredDifference.Gradient(s, x => MulticlassSvm.Value(x, y, n, c)), "svm ds");

        SquaredHingeSvm.ValueAndGradient(s, y, n, c, ds);
        CenteredDifference.AssertMatches(ds, CenteredDifference.Gradient(s, x => SquaredHingeSvm.Value(x, y, n, c)), "squared hinge ds");

        SoftmaxCrossEntropy.ValueAndGradient(s, y, n, c, ds);
        CenteredDifference.AssertMatches(ds, CenteredDifference.Gradient(s, x => SoftmaxCrossEntropy.Value(x, y, n, c)), "softmax ds");
    }

    /// <summary>
    /// The float kernels against the textbook formulas in double on the same (float) inputs. Every
    /// gradient element is a sum of at most C + 1 terms of size ≤ 1/N (SVM, softmax), each
    /// rounded a few times in float (6e-8), so 1e-5/N absolute is a hundred times the expected
    /// error; the value, a mean of row losses O(C), is compared at 1e-5 relative.
    /// </summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_kernels_match_the_double_reference(int n, int c)
    {
        var (sd, y) = Scores(n, c);
        var s = sd.Select(v => (float)v).ToArray();
        var sr = s.Select(v => (double)v).ToArray();
        var ds = new float[s.Length];

        var (svm, dsvm) = SvmReference(sr, y, n, c);
        AssertClose(MulticlassSvm.ValueAndGradient(s, y, n, c, ds), ds, svm, dsvm, n, "svm");
        AssertClose(MulticlassSvm.Value(s, y, n, c), null, svm, dsvm, n, "svm Value");

        var (softmax, dsoftmax) = SoftmaxReference(sr, y, n, c);
        AssertClose(SoftmaxCrossEntropy.ValueAndGradient(s, y, n, c, ds), ds, softmax, dsoftmax, n, "softmax");
        AssertClose(SoftmaxCrossEntropy.Value(s, y, n, c), null, softmax, dsoftmax, n, "softmax Value");
    }

    private static void AssertClose(float value, float[]? gradient, double expected, double[] expectedGradient, int n, string what)
    {
        Assert.True(Math.Abs(value - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"{what}: value {value:R} vs reference {expected:R}");
        if (gradient is null) return;
        // 1e-5 of an entry, at least of 1/N (every entry is a multiple of 1/N or smaller): the SVM's
        // label entry adds up to C − 1 float terms of 1/N, so its rounding grows with it (C = 31:
        // −30/17 is off by 7e-7, 2e-6 relative to one term).
        for (var k = 0; k < gradient.Length; k++)
            Assert.True(Math.Abs(gradient[k] - expectedGradient[k]) <= 1e-5 * Math.Max(1.0 / n, Math.Abs(expectedGradient[k])),
                $"{what}: d[{k}] = {gradient[k]:R} vs reference {expectedGradient[k]:R}");
    }

    private static (double Value, double[] Gradient) SvmReference(double[] s, int[] y, int n, int c)
    {
        var g = new double[s.Length];
        var total = 0.0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < c; j++)
            {
                if (j == y[i]) continue;
                var margin = s[i * c + j] - s[i * c + y[i]] + 1;
                if (margin <= 0) continue;
                total += margin;
                g[i * c + j] += 1.0 / n;
                g[i * c + y[i]] -= 1.0 / n;
            }
        return (total / n, g);
    }

    private static (double Value, double[] Gradient) SoftmaxReference(double[] s, int[] y, int n, int c)
    {
        var g = new double[s.Length];
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            var max = Enumerable.Range(0, c).Max(j => s[i * c + j]);
            var z = Enumerable.Range(0, c).Sum(j => Math.Exp(s[i * c + j] - max));
            total += max + Math.Log(z) - s[i * c + y[i]];
            for (var j = 0; j < c; j++)
                g[i * c + j] = (Math.Exp(s[i * c + j] - max) / z - (j == y[i] ? 1 : 0)) / n;
        }
        return (total / n, g);
    }

    /// <summary>
    /// Linear classifiers with few features and classes: the block reads X through a tile, adds
    /// dW[k, y[i]] lane by lane (rows with the same label hit the same element) and sums db over lanes.
    /// </summary>
    [Theory]
    [InlineData(17, 3, 4)]
    [InlineData(35, 5, 9)]
    [InlineData(16, 1, 1)]
    public void Linear_classifiers_with_short_rows_match_centered_differences(int n, int d, int c)
    {
        var r = new Random(n + 10 * d + 100 * c);
        var X = Enumerable.Range(0, n * d).Select(_ => r.NextDouble() * 2 - 1).ToArray();
        var W = Enumerable.Range(0, d * c).Select(_ => 0.7 * (r.NextDouble() * 2 - 1)).ToArray();
        var b = Enumerable.Range(0, c).Select(_ => 0.3 * (r.NextDouble() * 2 - 1)).ToArray();
        var y = Enumerable.Range(0, n).Select(_ => r.Next(c)).ToArray();
        var dW = new double[W.Length];
        var db = new double[b.Length];
        const double lambda = 0.05;

        LinearSoftmax.ValueAndGradient(X, W, b, y, n, d, c, dW, db, lambda);
        CenteredDifference.AssertMatches(dW, CenteredDifference.Gradient(W, v => LinearSoftmax.Value(X, v, b, y, n, d, c, lambda)), "softmax dW");
        CenteredDifference.AssertMatches(db, CenteredDifference.Gradient(b, v => LinearSoftmax.Value(X, W, v, y, n, d, c, lambda)), "softmax db");
    }
}
