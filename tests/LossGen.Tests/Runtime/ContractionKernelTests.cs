using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.CompilerServices;
using Xunit;

namespace LossGen.Tests.Runtime;

/// <summary>
/// The blocked contraction kernels against a double triple loop on the shape classes of the linear
/// models (a row, a few rows, a ragged block, a batch; D short, ragged, one vector, long; C below,
/// at and past a 4-class block and a vector), each layout of both operands, float and double, and
/// several lane widths. The bound is the classical one for a sum of K products, γ_K·Σ|a·b| with
/// γ_K = K·u: rigorous whatever the order of summation, and far below a misplaced or missing term.
/// </summary>
public sealed class ContractionKernelTests
{
    /// <summary>The unit roundoff u = 2^-24 of float and 2^-53 of double.</summary>
    private const double FloatUnit = 5.9604644775390625E-08, DoubleUnit = 1.1102230246251565E-16;

    private static readonly int[] Rows = [1, 2, 3, 17, 500];
    private static readonly int[] Reduced = [1, 7, 16, 64, 3073];
    private static readonly int[] Columns = [1, 3, 10, 16, 17, 100, 1000];

    /// <summary>Every combination whose triple loop stays small, and the CIFAR-shaped batch.</summary>
    public static IEnumerable<object[]> Shapes()
    {
        foreach (int p in Rows)
            foreach (int k in Reduced)
                foreach (int q in Columns)
                    if ((long)p * k * q <= 600_000 || (p, k, q) == (500, 3073, 10))
                        yield return [p, k, q];
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_product_and_both_gradients_match_a_double_reference(int p, int k, int q)
    {
        foreach (var layout in Layouts)
        {
            Check<F512, float>(p, k, q, layout, FloatUnit);
            Check<F256, float>(p, k, q, layout, FloatUnit);
        }
        Check<F1, float>(p, k, q, Layouts[0], FloatUnit);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Double_product_and_both_gradients_match_a_double_reference(int p, int k, int q)
    {
        foreach (var layout in Layouts) Check<D512, double>(p, k, q, layout, DoubleUnit);
        Check<D128, double>(p, k, q, Layouts[3], DoubleUnit);
    }

    [Fact]
    public void An_operand_shorter_than_its_shape_is_an_argument_exception_naming_it()
    {
        var left = new float[2 * 3];
        var right = new float[3 * 4 - 1];
        var product = new float[2 * 4];
        var e = Assert.Throws<ArgumentException>(() => Contraction.Product<F512, float>(left, 3, 1, right, 4, 1, product, 2, 4, 3));
        Assert.Equal("right", e.ParamName);
    }

    [Fact]
    public void Repeated_calls_allocate_nothing_after_warm_up()
    {
        int p = 64, k = 300, q = 10;
        float[] left = Fill(p * k, 1), right = Fill(k * q, 2), product = new float[p * q], dRight = new float[k * q], dLeft = new float[p * k];
        void Run()
        {
            Contraction.Product<F512, float>(left, k, 1, right, q, 1, product, p, q, k);
            Contraction.AddRightGradient<F512, float>(left, k, 1, product, dRight, q, 1, p, q, k);
            Contraction.AddLeftGradient<F512, float>(product, right, q, 1, dLeft, k, 1, p, q, k);
        }
        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int r = 0; r < 5; r++) Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>Whether L is stored [P, K] (row-major, k contiguous) or [K, P]; whether R is [K, Q] or [Q, K].</summary>
    private sealed record Layout(bool LeftRowMajor, bool RightRowMajor);

    private static readonly Layout[] Layouts = [new(true, true), new(true, false), new(false, true), new(false, false)];

    private static void Check<V, T>(int p, int k, int q, Layout layout, double unit)
        where V : struct, ILanes<V, T>
        where T : unmanaged, IConvertible, System.Numerics.INumberBase<T>
    {
        var l = Fill(p * k, 7 + p + k);
        var r = Fill(k * q, 11 + k + q);
        var g = Fill(p * q, 13 + p + q);
        double L(int i, int kk) => l[layout.LeftRowMajor ? i * k + kk : kk * p + i];
        double R(int kk, int j) => r[layout.RightRowMajor ? kk * q + j : j * k + kk];
        var (lRow, lRed) = layout.LeftRowMajor ? (k, 1) : (1, p);
        var (rRed, rCol) = layout.RightRowMajor ? (q, 1) : (1, k);
        string where = $"{typeof(V).Name} P={p} K={k} Q={q} {layout}";
        double gamma = (k + 2) * unit;

        // The product, overwriting a buffer full of garbage.
        var product = Enumerable.Repeat(T.CreateTruncating(123.0), p * q).ToArray();
        Contraction.Product<V, T>(Cast<T>(l), lRow, lRed, Cast<T>(r), rRed, rCol, product, p, q, k);
        for (int i = 0; i < p; i++)
            for (int j = 0; j < q; j++)
            {
                double exact = 0, magnitude = 0;
                for (int kk = 0; kk < k; kk++) { exact += L(i, kk) * R(kk, j); magnitude += Math.Abs(L(i, kk) * R(kk, j)); }
                Within(product[i * q + j].ToDouble(null), exact, gamma * magnitude + unit * Math.Abs(exact), $"{where} product[{i}, {j}]");
            }

        // dR += Lᵀ·G onto a non-zero start (it adds), laid out like R.
        var dRight = Cast<T>(r);
        Contraction.AddRightGradient<V, T>(Cast<T>(l), lRow, lRed, Cast<T>(g), dRight, rRed, rCol, p, q, k);
        for (int kk = 0; kk < k; kk++)
            for (int j = 0; j < q; j++)
            {
                double exact = R(kk, j), magnitude = Math.Abs(exact);
                for (int i = 0; i < p; i++) { exact += L(i, kk) * g[i * q + j]; magnitude += Math.Abs(L(i, kk) * g[i * q + j]); }
                int at = layout.RightRowMajor ? kk * q + j : j * k + kk;
                Within(dRight[at].ToDouble(null), exact, (p + 2) * unit * magnitude, $"{where} dRight[{kk}, {j}]");
            }

        // dL += G·Rᵀ onto a non-zero start, laid out like L.
        var dLeft = Cast<T>(l);
        Contraction.AddLeftGradient<V, T>(Cast<T>(g), Cast<T>(r), rRed, rCol, dLeft, lRow, lRed, p, q, k);
        for (int i = 0; i < p; i++)
            for (int kk = 0; kk < k; kk++)
            {
                double exact = L(i, kk), magnitude = Math.Abs(exact);
                for (int j = 0; j < q; j++) { exact += g[i * q + j] * R(kk, j); magnitude += Math.Abs(g[i * q + j] * R(kk, j)); }
                int at = layout.LeftRowMajor ? i * k + kk : kk * p + i;
                Within(dLeft[at].ToDouble(null), exact, (q + 2) * unit * magnitude, $"{where} dLeft[{i}, {kk}]");
            }
    }

    private static void Within(double actual, double expected, double bound, string what)
    {
        if (!(Math.Abs(actual - expected) <= bound))
            Assert.Fail($"{what}: {actual:R} vs {expected:R} (bound {bound:E2})");
    }

    /// <summary>Seeded operands in [−2, 2]; stored as float, so float and double kernels see the same numbers.</summary>
    private static float[] Fill(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)Math.Round(random.NextDouble() * 4 - 2, 3)).ToArray();
    }

    private static T[] Cast<T>(float[] values)
        where T : System.Numerics.INumberBase<T> =>
        values.Select(v => T.CreateTruncating(v)).ToArray();
}
