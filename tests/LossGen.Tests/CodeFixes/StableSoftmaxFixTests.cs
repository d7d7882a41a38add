extern alias CodeFixesAssembly;

using System;
using System.Linq;
using CodeFixesAssembly::LossGen.CodeFixes;
using Shouldly;
using Xunit;

namespace LossGen.Tests.CodeFixes;

/// <summary>LG0302's fix: a written-out softmax becomes <c>Exp(x - LogSumExp(…))</c>.</summary>
public class StableSoftmaxFixTests
{
    private const string Head = """
        using LossGen;
        using static LossGen.Dsl;

        // The Brier score of softmax probabilities against one-hot (or soft) targets t.
        [Loss]
        public partial struct Brier
        {
            static float Define([Shape("N", "C")] Tensor s, [Const, Shape("N", "C")] Tensor t)

        """;

    private const string Tail = """

            public static double Run(double[] s, double[] t, int n, int c, double[] ds) => ValueAndGradient(s, t, n, c, ds);
        }
        """;

    private const string Written = Head + "        => Mean(i => Sum(j => Sqr([|Exp(s[i, j]) / Sum(k => Exp(s[i, k]))|] - t[i, j])));" + Tail;

    private const string HandFixed = Head + "        => Mean(i => Sum(j => Sqr(Exp(s[i, j] - LogSumExp(k => s[i, k])) - t[i, j])));" + Tail;

    [Fact]
    public void Rewrites_the_quotient_without_extra_parentheses()
    {
        CodeFixRunner.Apply(Written, "LG0302", new StableSoftmaxFix()).ShouldBe(HandFixed);
    }

    [Fact]
    public void Fixed_declaration_has_the_hand_fixed_numbers()
    {
        const int n = 3, c = 4;
        var t = Numbers.Uniform(n * c, seed: 11, scale: 1);
        using var fixedBuild = CompiledDeclarations.Compile(CodeFixRunner.Apply(Written, "LG0302", new StableSoftmaxFix()));
        using var hand = CompiledDeclarations.Compile(HandFixed);

        Numbers.ShouldAgree(Numbers.Uniform(n * c, seed: 3),
            (s, ds) => fixedBuild.Call("Brier", "Run", s, t, n, c, ds),
            (s, ds) => hand.Call("Brier", "Run", s, t, n, c, ds));
    }

    [Fact]
    public void Fixed_declaration_stays_finite_and_right_for_scores_of_1e3()
    {
        // exp(1000) is ∞ in double, so the written-out quotient is ∞/∞ = NaN; the fixed form is
        // checked against the softmax computed here, max-shifted, in plain C#.
        const int n = 2, c = 3;
        var s = new[] { 1000.0, 999.0, -1000.0, 5.0, 1005.0, 1003.0 };
        var t = new[] { 1.0, 0, 0, 0, 0, 1 };
        using var fixedBuild = CompiledDeclarations.Compile(CodeFixRunner.Apply(Written, "LG0302", new StableSoftmaxFix()));

        var expected = 0.0;
        for (var i = 0; i < n; i++)
        {
            var row = s.Skip(i * c).Take(c).ToArray();
            var z = row.Sum(v => Math.Exp(v - row.Max()));
            for (var j = 0; j < c; j++) expected += Math.Pow(Math.Exp(row[j] - row.Max()) / z - t[i * c + j], 2);
        }
        expected /= n;

        var ds = new double[n * c];
        fixedBuild.Call("Brier", "Run", s, t, n, c, ds).ShouldBe(expected, 1e-12);
        ds.ShouldAllBe(g => double.IsFinite(g));
    }

    [Fact]
    public void Parentheses_around_the_softmax_go_when_no_longer_needed()
    {
        const string written = """
            using LossGen;
            using static LossGen.Dsl;

            [Loss]
            public partial struct Scaled
            {
                static float Define([Shape("C")] Tensor s) => Sum(j => 2f * ([|Exp(s[j]) / Sum(k => Exp(s[k]))|]));
            }
            """;
        CodeFixRunner.Apply(written, "LG0302", new StableSoftmaxFix()).ShouldContain("Sum(j => 2f * Exp(s[j] - LogSumExp(k => s[k])))");
    }
}
