using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.CompilerServices;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Fuzzing;

/// <summary>
/// A Max/Min reduction whose gradient needs the selected element records it in a vector loop:
/// per-lane extremes and indices, then the extreme across lanes and the smallest index among the
/// lanes holding it. These run the generated kernel at every lane width (not only the one the
/// machine picks), on rows of every length around the lane counts, and check the gradient against
/// the documented rule (docs/subgradients.md: the first element reaching the extreme gets it all)
/// computed here by a plain loop, and against centered differences where no element ties.
/// </summary>
public sealed class ArgExtremeLanesTests : IDisposable
{
    // L = Σ_i (Max_j s[i, j] − ½ Min_j s[i, j]): ds[i, first argmax] += 1, ds[i, first argmin] −= ½.
    // The Width* members call the private kernels at a lane type of the test's choosing.
    private const string Source = CompiledBatch.Usings + """
        using LossGen.CompilerServices;
        [Loss]
        public partial struct RowExtremes
        {
            static float Define([Shape("N", "C")] Tensor s) => Sum(i => Max(j => s[i, j]) - 0.5f * Min(j => s[i, j]));

            public static double WidthDouble<V>(double[] s, int n, int c, double[] ds) where V : struct, ILanes<V, double> =>
                ValueAndGradientKernel<V, double>(s, n, c, ds);

            public static double WidthFloat<V>(float[] s, int n, int c, float[] ds) where V : struct, ILanes<V, float> =>
                ValueAndGradientKernel<V, float>(s, n, c, ds);
        }
        """;

    private readonly CompiledBatch compiled = CompiledBatch.Compile(Source, load: true);

    public void Dispose() => compiled.Dispose();

    public static readonly Type[] DoubleWidths = [typeof(D1), typeof(D128), typeof(D256), typeof(D512)];
    public static readonly Type[] FloatWidths = [typeof(F1), typeof(F128), typeof(F256), typeof(F512)];

    /// <summary>Row lengths: 1, each side of every lane count (2, 4, 8, 16), and long rows with a tail.</summary>
    public static readonly int[] Lengths = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 19, 33, 100];

    public static TheoryData<string> Widths()
    {
        var data = new TheoryData<string>();
        foreach (var t in DoubleWidths.Concat(FloatWidths)) data.Add(t.Name);
        return data;
    }

    private double Run(string width, double[] s, int n, int c, double[] ds)
    {
        var type = compiled.TypeOf("RowExtremes");
        if (width.StartsWith('D'))
        {
            var kernel = type.GetMethod("WidthDouble")!.MakeGenericMethod(DoubleWidths.Single(t => t.Name == width));
            return (double)kernel.Invoke(null, [s, n, c, ds])!;
        }
        var floats = s.Select(v => (float)v).ToArray();
        var gradient = new float[ds.Length];
        Array.Fill(gradient, float.NaN);
        var fkernel = type.GetMethod("WidthFloat")!.MakeGenericMethod(FloatWidths.Single(t => t.Name == width));
        var value = (double)fkernel.Invoke(null, [floats, n, c, gradient])!;
        for (var k = 0; k < ds.Length; k++) ds[k] = gradient[k];
        return value;
    }

    /// <summary>The documented rule by a plain loop: the first element strictly beyond every earlier one.</summary>
    private static int First(double[] s, int row, int c, bool max)
    {
        var at = 0;
        for (var j = 1; j < c; j++)
        {
            var (x, best) = (s[row * c + j], s[row * c + at]);
            if (max ? x > best : x < best) at = j;
        }
        return at;
    }

    private static double[] Expected(double[] s, int n, int c)
    {
        var g = new double[n * c];
        for (var i = 0; i < n; i++)
        {
            g[i * c + First(s, i, c, max: true)] += 1;
            g[i * c + First(s, i, c, max: false)] -= 0.5;
        }
        return g;
    }

    private void AssertFirstTieRule(string width, double[] s, int n, int c, string what)
    {
        var ds = new double[n * c];
        Array.Fill(ds, double.NaN);
        var value = Run(width, s, n, c, ds);
        var expectedValue = Enumerable.Range(0, n).Sum(i =>
            s.Skip(i * c).Take(c).Max() - 0.5 * s.Skip(i * c).Take(c).Min());
        value.ShouldBe(expectedValue, 1e-9 * (1 + Math.Abs(expectedValue)), $"{width}, C = {c}, {what}: value");
        ds.ShouldBe(Expected(s, n, c), $"{width}, C = {c}, {what}: s = [{string.Join(", ", s)}]");
    }

    /// <summary>
    /// Values drawn from {−1, −0, 0, 1, 2}: most rows have several maxima and minima, in any lanes,
    /// in the full vectors and in the masked tail (and −0 ties +0). Exactly representable in float.
    /// </summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void Many_ties_go_to_the_first_element(string width)
    {
        var random = new Random(20261122);
        double[] levels = [-1, -0.0, 0, 1, 2];
        foreach (var c in Lengths)
        {
            const int n = 6;
            var s = new double[n * c];
            for (var k = 0; k < s.Length; k++) s[k] = levels[random.Next(levels.Length)];
            AssertFirstTieRule(width, s, n, c, "random ties");
        }
    }

    /// <summary>
    /// Hand-placed ties: equal extremes where a later index sits in a lower lane (last lane of one
    /// vector and lane 0 of the next), both in the tail, one in the body and one in the tail, and a
    /// row of equal values (every lane ties; index 0 wins).
    /// </summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void Ties_across_lanes_and_in_the_tail_go_to_the_first_element(string width)
    {
        foreach (var c in Lengths)
        {
            var rows = new List<double[]>();
            double[] Row(params int[] top)
            {
                var row = Enumerable.Range(0, c).Select(j => 0.25 * ((j * 7) % 5)).ToArray();
                foreach (var j in top.Where(j => j >= 0 && j < c)) row[j] = 3;
                return row;
            }
            foreach (var lanes in new[] { 2, 4, 8, 16 })
            {
                rows.Add(Row(lanes - 1, lanes));           // last lane of the first vector, then lane 0 of the next
                rows.Add(Row(lanes + 1, 2 * lanes - 1));   // two lanes of the second vector
            }
            rows.Add(Row(c - 2, c - 1));                   // the last two elements (the tail, for most widths)
            rows.Add(Row(1, c - 1));                       // the second and the last
            rows.Add(Enumerable.Repeat(1.5, c).ToArray()); // all equal
            var n = rows.Count;
            var s = rows.SelectMany(r => r).ToArray();
            // Minima too: the same rows negated tie the same way.
            AssertFirstTieRule(width, s, n, c, "placed maxima");
            AssertFirstTieRule(width, s.Select(v => -v).ToArray(), n, c, "placed minima");
        }
    }

    /// <summary>
    /// Without ties the loss is linear near the point, so the gradient equals the centered
    /// difference of the value (double kernels; float values round too coarsely for h = 1e-6).
    /// </summary>
    [Theory]
    [InlineData("D1")]
    [InlineData("D128")]
    [InlineData("D256")]
    [InlineData("D512")]
    public void Without_ties_the_gradient_is_the_centered_difference(string width)
    {
        var random = new Random(7);
        foreach (var c in Lengths)
        {
            const int n = 3;
            // A permutation scaled by 0.01: every two elements of a row differ by at least 0.01 ≫ h.
            var s = Enumerable.Range(0, n).SelectMany(_ => Enumerable.Range(0, c).OrderBy(_ => random.Next()).Select(v => 0.01 * v - 0.3)).ToArray();
            var ds = new double[n * c];
            Run(width, s, n, c, ds);
            const double h = 1e-6;
            for (var k = 0; k < s.Length; k++)
            {
                var plus = (double[])s.Clone();
                var minus = (double[])s.Clone();
                plus[k] += h;
                minus[k] -= h;
                var centered = (Run(width, plus, n, c, new double[n * c]) - Run(width, minus, n, c, new double[n * c])) / (2 * h);
                // Linear pieces: the difference is exact up to rounding, ~1e-16 / 1e-6.
                ds[k].ShouldBe(centered, 1e-8, $"{width}, C = {c}, element {k}");
            }
        }
    }

    /// <summary>A row of −∞ (no element beats the start): value and index stay at the scalar loop's, index 0.</summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void A_row_of_minus_infinity_selects_index_0_for_the_max(string width)
    {
        foreach (var c in Lengths)
        {
            var s = Enumerable.Repeat(double.NegativeInfinity, c).ToArray();
            var ds = new double[c];
            Run(width, s, 1, c, ds);
            var expected = new double[c];
            expected[0] = 1 - 0.5; // both the Max and the Min select element 0
            ds.ShouldBe(expected, $"{width}, C = {c}");
        }
    }
}
