extern alias CodeFixesAssembly;

using CodeFixesAssembly::LossGen.CodeFixes;
using Shouldly;
using Xunit;

namespace LossGen.Tests.CodeFixes;

/// <summary>LG0303's fix: the log of a written-out softmax becomes <c>x - LogSumExp(…)</c>.</summary>
public class LogSoftmaxFixTests
{
    private const string Tail = """

            public static double Run(double[] s, int[] y, int n, int c, double[] ds) => ValueAndGradient(s, y, n, c, ds);
        }
        """;

    private const string Head = """
        using LossGen;
        using static LossGen.Dsl;

        [Loss]
        public partial struct Slide
        {
            static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y)

        """;

    // The softmax cross-entropy exactly as on the slide: L_i = −log(e^{s_{y_i}} / Σ_j e^{s_j}).
    private const string Written = Head + "        => Mean(i => -[|Log(Exp(s[i, y[i]]) / Sum(j => Exp(s[i, j])))|]);" + Tail;

    private const string HandFixed = Head + "        => Mean(i => -(s[i, y[i]] - LogSumExp(j => s[i, j])));" + Tail;

    [Fact]
    public void Rewrites_the_slide_form_keeping_the_parentheses_the_minus_needs()
    {
        CodeFixRunner.Apply(Written, "LG0303", new LogSoftmaxFix()).ShouldBe(HandFixed);
    }

    [Fact]
    public void Fixed_declaration_computes_the_builtin_softmax_cross_entropy()
    {
        const int n = 3, c = 6;
        var y = Numbers.Labels(n, c, seed: 5);
        using var fixedBuild = CompiledDeclarations.Compile(CodeFixRunner.Apply(Written, "LG0303", new LogSoftmaxFix()));
        using var hand = CompiledDeclarations.Compile(HandFixed);

        var point = Numbers.Uniform(n * c, seed: 4);
        Numbers.ShouldAgree(point,
            (s, ds) => fixedBuild.Call("Slide", "Run", s, y, n, c, ds),
            (s, ds) => hand.Call("Slide", "Run", s, y, n, c, ds));
        var builtin = new double[n * c];
        var expected = LossGen.Builtins.SoftmaxCrossEntropy.ValueAndGradient(point, y, n, c, builtin);
        var got = new double[n * c];
        fixedBuild.Call("Slide", "Run", point, y, n, c, got).ShouldBe(expected, 1e-12);
        got.ShouldBe(builtin, 1e-12);
    }

    [Fact]
    public void A_weighted_log_softmax_gets_parentheses_under_the_product()
    {
        const string written = """
            using LossGen;
            using static LossGen.Dsl;

            [Loss]
            public partial struct SoftTargets
            {
                static float Define([Shape("N", "C")] Tensor s, [Const, Shape("N", "C")] Tensor t)
                    => -Mean(i => Sum(j => t[i, j] * [|Log(Exp(s[i, j]) / Sum(k => Exp(s[i, k])))|]));

                public static double Run(double[] s, double[] t, int n, int c, double[] ds) => ValueAndGradient(s, t, n, c, ds);
            }
            """;
        var fixedSource = CodeFixRunner.Apply(written, "LG0303", new LogSoftmaxFix());
        fixedSource.ShouldContain("Sum(j => t[i, j] * (s[i, j] - LogSumExp(k => s[i, k])))");

        // Hand-fixed in another spelling of the same math: Σ_j t_ij s_ij − (Σ_j t_ij) · logsumexp_k s_ik.
        var hand = written.Replace("[|", "").Replace("|]", "").Replace(
            "Sum(j => t[i, j] * Log(Exp(s[i, j]) / Sum(k => Exp(s[i, k]))))",
            "Sum(j => t[i, j] * s[i, j]) - Sum(j => t[i, j]) * LogSumExp(k => s[i, k])");
        const int n = 2, c = 5;
        var t = Numbers.Uniform(n * c, seed: 8, scale: 1);
        using var fixedBuild = CompiledDeclarations.Compile(fixedSource);
        using var handBuild = CompiledDeclarations.Compile(hand);
        Numbers.ShouldAgree(Numbers.Uniform(n * c, seed: 9),
            (s, ds) => fixedBuild.Call("SoftTargets", "Run", s, t, n, c, ds),
            (s, ds) => handBuild.Call("SoftTargets", "Run", s, t, n, c, ds));
    }
}
