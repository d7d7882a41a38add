extern alias CodeFixesAssembly;

using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Tests.Diagnostics;
using LossGen.Tests.Fuzzing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Shouldly;
using Xunit;

namespace LossGen.Tests.CodeFixes;

/// <summary>
/// LG0105's fix (transpose an operand, or keep a reduction's axis), applied as an IDE applies it:
/// in an AdhocWorkspace, on the diagnostic the real analyzer reports at the marked span. The fixed
/// source must be exactly the hand-written fix, compile through the generator with no diagnostic,
/// and give the same value and gradient as the hand-written fix compiled on its own.
/// </summary>
public class BroadcastFixTests
{
    private const string Header = "using LossGen;\nusing static LossGen.Dsl;\nnamespace Fuzz;\n";

    // Each declaration carries an array wrapper (spans cannot go through reflection): the value
    // and the gradients of its differentiable tensors, laid end to end.
    private const string PointsWrong = Header + """
        [Loss]
        public partial struct Points
        {
            static float Define([Shape("N", "2")] Tensor P, [Shape("2", "1")] Tensor v) => Sum(Sqr([|P - v|]));
            public static double Run(double[][] t, double[] g) => ValueAndGradient(t[0], t[1], 5, new System.Span<double>(g, 0, 10), new System.Span<double>(g, 10, 2));
        }
        """;

    private const string PairwiseWrong = Header + """
        [Loss]
        public partial struct Pairwise
        {
            static float Define([Shape("N", "D")] Tensor X, [Shape("M", "D")] Tensor Y)
            {
                var d2 = [|Sum(X * X, axis: 1, keepDims: true) + Sum(Y * Y, axis: 1, keepDims: true)|] - 2 * MatMul(X, Y.T);
                return Sum(Sqrt(d2 + 1));
            }
            public static double Run(double[][] t, double[] g) => ValueAndGradient(t[0], t[1], 5, 3, 4, new System.Span<double>(g, 0, 15), new System.Span<double>(g, 15, 12));
        }
        """;

    private const string CenteredWrong = Header + """
        [Loss]
        public partial struct Centered
        {
            static float Define([Shape("N", "D")] Tensor X) => Sum(Sqr([|X - Mean(X, axis: 1)|]));
            public static double Run(double[][] t, double[] g) => ValueAndGradient(t[0], 5, 3, new System.Span<double>(g, 0, 15));
        }
        """;

    public static TheoryData<string, string, string, string, int[]> Fixes => new()
    {
        // The seed's P − v: only vᵀ broadcasts (P has no size-1 axis to transpose).
        { PointsWrong, "Transpose 'v': v.T", "P - v", "P - v.T", [10, 2] },
        // (N,1) + (M,1): transposing either broadcasts, but only the right one fits − 2·X·Yᵀ (N,M).
        { PairwiseWrong, "Transpose 'Sum(Y * Y, axis: 1, keepDims: true)': Sum(Y * Y, axis: 1, keepDims: true).T",
          "+ Sum(Y * Y, axis: 1, keepDims: true) -", "+ Sum(Y * Y, axis: 1, keepDims: true).T -", [15, 12] },
        // Row means that dropped their axis: keepDims makes them the (N,1) column X needs.
        { CenteredWrong, "Keep the reduced axis: keepDims: true", "Mean(X, axis: 1)", "Mean(X, axis: 1, keepDims: true)", [15] },
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void The_fix_is_the_hand_written_one_and_gives_its_numbers(string markup, string title, string wrong, string right, int[] sizes)
    {
        var fixedSource = Apply(markup, title);
        var byHand = Markup.Parse(markup).Source.Replace(wrong, right);
        fixedSource.ShouldBe(byHand);

        // The fixed declaration compiles into a kernel with no LossGen or C# diagnostic.
        var run = DiagnosticRun.Of(fixedSource);
        run.Reported.ShouldBeEmpty();
        run.ShouldHaveAHealthyGenerator();

        // Compiled side by side with the hand-written fix, on the same inputs, it gives the same numbers.
        var name = fixedSource.Split("partial struct ")[1].Split('\n')[0].Trim();
        using var batch = CompiledBatch.Compile(fixedSource + "\n" + byHand.Replace(Header, "").Replace("struct " + name, "struct " + name + "ByHand"), load: true);
        batch.CompileErrors.ShouldBeEmpty();
        var random = new Random(405);
        var inputs = sizes.Select(n => Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray();
        var fixedGradient = new double[sizes.Sum()];
        var handGradient = new double[sizes.Sum()];
        var fixedValue = Invoke(batch, name, inputs, fixedGradient);
        var handValue = Invoke(batch, name + "ByHand", inputs, handGradient);
        fixedValue.ShouldBe(handValue);
        fixedGradient.ShouldBe(handGradient);
        double.IsFinite(fixedValue).ShouldBeTrue();
    }

    [Fact]
    public void No_fix_when_two_edits_would_each_make_the_shapes_broadcast()
    {
        // (N,1) + (M,1) reduced to a number: aᵀ + b and a + bᵀ both broadcast, to (M,N) and (N,M),
        // and nothing says which was meant.
        var (_, actions) = Offered(Header + """
            [Loss]
            public partial struct Outer
            {
                static float Define([Shape("N", "1")] Tensor a, [Shape("M", "1")] Tensor b) => Sum(Sqr([|a + b|]));
            }
            """);
        actions.ShouldBeEmpty();
    }

    [Fact]
    public void No_fix_when_no_transpose_or_keepDims_helps()
    {
        // (N,D) + (N,): the vector needs another shape, [D] or [N, 1]; no transpose or keepDims gives one.
        var (_, actions) = Offered(Header + """
            [Loss]
            public partial struct Shifted
            {
                static float Define([Shape("N", "D")] Tensor X, [Shape("N")] Tensor w) => Sum(Sqr([|X + w|]));
            }
            """);
        actions.ShouldBeEmpty();
    }

    [Fact]
    public void An_existing_keepDims_false_is_set_to_true()
    {
        var fixedSource = Apply(Header + """
            [Loss]
            public partial struct Centered
            {
                static float Define([Shape("N", "D")] Tensor X) => Sum(Sqr([|X - (Mean(X, 1, false))|]));
            }
            """, "Keep the reduced axis: keepDims: true");
        fixedSource.ShouldContain("X - (Mean(X, 1, true))");
        DiagnosticRun.Of(fixedSource).Reported.ShouldBeEmpty();
    }

    private delegate double Wrapper(double[][] t, double[] g);

    private static double Invoke(CompiledBatch batch, string type, double[][] inputs, double[] gradient) =>
        batch.TypeOf(type).GetMethod("Run")!.CreateDelegate<Wrapper>()(inputs, gradient);

    // ---- applying the fix in a workspace (CodeFixRunner) ----

    private static string Apply(string markup, string title)
    {
        var (_, actions) = Offered(markup);
        actions.ShouldHaveSingleItem("exactly one fix is offered").Title.ShouldBe(title);
        return CodeFixRunner.Apply(markup, "LG0105", new CodeFixesAssembly::LossGen.CodeFixes.BroadcastFix());
    }

    private static (Document Document, IReadOnlyList<CodeAction> Actions) Offered(string markup) =>
        CodeFixRunner.Offered(markup, "LG0105", new CodeFixesAssembly::LossGen.CodeFixes.BroadcastFix());
}
