using System;
using System.Linq;
using LossGen.Tests.Builtins;
using LossGen.Tests.CodeFixes;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Lints;

/// <summary>
/// What LG0307 warns about, measured: through Sign and through a step (a comparison with constant
/// arms), the generated gradient for the differentiable input is exactly 0, and so is the centered
/// difference away from the kinks — the tensor cannot learn through them. (The declarations
/// suppress LG0307 to be compiled at all by the harness, which admits no LossGen diagnostic.)
/// </summary>
public class ZeroGradientTests
{
    private const string Declarations = """
        using LossGen;
        using static LossGen.Dsl;

        #pragma warning disable LG0307
        [Loss]
        public partial struct SignDot
        {
            static float Define([Shape("P")] Tensor w, [Const, Shape("P")] Tensor x) => Sum(k => Sign(w[k]) * x[k]);

            public static double Run(double[] w, double[] x, int p, double[] dw) => ValueAndGradient(w, x, p, dw);
        }

        [Loss]
        public partial struct ZeroOne
        {
            static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D")] Tensor w, [Const, Shape("N")] Tensor t)
                => Mean(i => t[i] * Sum(k => X[i, k] * w[k]) > 0f ? 0f : 1f);

            public static double Run(double[] X, double[] w, double[] t, int n, int d, double[] dw) => ValueAndGradient(X, w, t, n, d, dw);
        }
        #pragma warning restore LG0307
        """;

    [Fact]
    public void Sign_computes_the_sign_and_passes_no_gradient()
    {
        using var build = CompiledDeclarations.Compile(Declarations);
        var w = new[] { 0.7, -1.3, 2.0, -0.01, 0.0 };
        var x = new[] { 1.5, 2.0, -0.5, 4.0, 10.0 };
        var dw = Enumerable.Repeat(double.NaN, w.Length).ToArray();

        var value = build.Call("SignDot", "Run", w, x, w.Length, dw);

        value.ShouldBe(w.Zip(x, (a, b) => Math.Sign(a) * b).Sum(), 1e-15);
        dw.ShouldAllBe(g => g == 0);
        var away = w.Take(4).ToArray();
        CenteredDifference.Gradient(away, p => build.Call("SignDot", "Run", p, x.Take(4).ToArray(), 4, new double[4]))
            .ShouldAllBe(g => g == 0);
    }

    [Fact]
    public void A_step_of_the_margin_passes_no_gradient()
    {
        using var build = CompiledDeclarations.Compile(Declarations);
        const int n = 6, d = 3;
        var X = Numbers.Uniform(n * d, seed: 21);
        var w = Numbers.Uniform(d, seed: 22);
        var t = new[] { 1.0, -1, 1, 1, -1, -1 };
        var dw = Enumerable.Repeat(double.NaN, d).ToArray();

        var value = build.Call("ZeroOne", "Run", X, w, t, n, d, dw);

        var errors = Enumerable.Range(0, n).Count(i => t[i] * Enumerable.Range(0, d).Sum(k => X[i * d + k] * w[k]) <= 0);
        value.ShouldBe((double)errors / n, 1e-15);
        dw.ShouldAllBe(g => g == 0);
    }
}
