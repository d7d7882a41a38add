extern alias CodeFixesAssembly;

using CodeFixesAssembly::LossGen.CodeFixes;
using Shouldly;
using Xunit;

namespace LossGen.Tests.CodeFixes;

/// <summary>LG0301's fix: <c>Log(Sum(j => Exp(x)))</c> becomes <c>LogSumExp(j => x)</c>.</summary>
public class LogSumExpFixTests
{
    private const string Wrapper = """

            public static double Run(double[] s, int[] y, int n, int c, double[] ds) => ValueAndGradient(s, y, n, c, ds);
        }
        """;

    private const string Written = """
        using LossGen;
        using static LossGen.Dsl;

        [Loss]
        public partial struct Nll
        {
            static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y)
                => Mean(i => [|Log(Sum(j => Exp(s[i, j])))|] - s[i, y[i]]);
        """ + Wrapper;

    private const string HandFixed = """
        using LossGen;
        using static LossGen.Dsl;

        [Loss]
        public partial struct Nll
        {
            static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y)
                => Mean(i => LogSumExp(j => s[i, j]) - s[i, y[i]]);
        """ + Wrapper;

    [Fact]
    public void Rewrites_the_call_and_nothing_else()
    {
        CodeFixRunner.Apply(Written, "LG0301", new LogSumExpFix()).ShouldBe(HandFixed);
    }

    [Fact]
    public void Fixed_declaration_computes_the_builtin_softmax_cross_entropy()
    {
        const int n = 4, c = 5;
        var y = Numbers.Labels(n, c, seed: 7);
        using var fixedBuild = CompiledDeclarations.Compile(CodeFixRunner.Apply(Written, "LG0301", new LogSumExpFix()));
        using var hand = CompiledDeclarations.Compile(HandFixed);

        Numbers.ShouldAgree(Numbers.Uniform(n * c, seed: 1),
            (s, ds) => fixedBuild.Call("Nll", "Run", s, y, n, c, ds),
            (s, ds) => hand.Call("Nll", "Run", s, y, n, c, ds));
        // The built-in is an independent declaration of the same loss.
        var point = Numbers.Uniform(n * c, seed: 2);
        var builtin = new double[n * c];
        var expected = LossGen.Builtins.SoftmaxCrossEntropy.ValueAndGradient(point, y, n, c, builtin);
        var got = new double[n * c];
        fixedBuild.Call("Nll", "Run", point, y, n, c, got).ShouldBe(expected, 1e-12);
        got.ShouldBe(builtin, 1e-12);
    }

    [Fact]
    public void Keeps_a_qualified_spelling_and_two_index_variables()
    {
        const string written = """
            using LossGen;

            [Loss]
            public partial struct Joint
            {
                static float Define([Shape("N", "C")] Tensor s) => [|Dsl.Log(Dsl.Sum((i, j) => Dsl.Exp(s[i, j])))|];
            }
            """;
        CodeFixRunner.Apply(written, "LG0301", new LogSumExpFix()).ShouldBe("""
            using LossGen;

            [Loss]
            public partial struct Joint
            {
                static float Define([Shape("N", "C")] Tensor s) => Dsl.LogSumExp((i, j) => s[i, j]);
            }
            """);
    }

    [Fact]
    public void Offers_nothing_for_three_index_variables_which_LogSumExp_does_not_take()
    {
        const string written = """
            using LossGen;
            using static LossGen.Dsl;

            [Loss]
            public partial struct Cube
            {
                static float Define([Shape("A", "B", "C")] Tensor t) => [|Log(Sum((a, b, c) => Exp(t[a, b, c])))|];
            }
            """;
        CodeFixRunner.Offered(written, "LG0301", new LogSumExpFix()).Actions.ShouldBeEmpty();
    }
}
