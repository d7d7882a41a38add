extern alias CodeFixesAssembly;

using CodeFixesAssembly::LossGen.CodeFixes;
using Shouldly;
using Xunit;

namespace LossGen.Tests.CodeFixes;

/// <summary>LG0308's fix: a [Shape] with the dimensions the Shapes pass inferred from use.</summary>
public class AddShapeFixTests
{
    private const string Tail = """

            public static double Run(double[] s, int[] y, double[] w, int n, int c, double[] ds) => ValueAndGradient(s, y, w, n, c, ds);
        }
        """;

    private static string Declaration(string weightParameter) => """
        using LossGen;
        using static LossGen.Dsl;

        // Softmax cross-entropy with a weight per class, looked up by each example's label.
        [Loss]
        public partial struct ClassWeighted
        {
            static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y, 
        """ + weightParameter + """
        )
                => Mean(i => w[y[i]] * (LogSumExp(j => s[i, j]) - s[i, y[i]]));
        """ + Tail;

    [Fact]
    public void Adds_the_class_dimension_a_label_lookup_implies_into_the_existing_attribute_list()
    {
        CodeFixRunner.Apply(Declaration("[Const] Tensor [|w|]"), "LG0308", new AddShapeFix())
            .ShouldBe(Declaration("[Const, Shape(\"C\")] Tensor w"));
    }

    [Fact]
    public void Fixed_declaration_has_the_hand_fixed_numbers()
    {
        const int n = 4, c = 3;
        var y = Numbers.Labels(n, c, seed: 12);
        var w = new[] { 0.5, 2.0, 1.25 };
        using var fixedBuild = CompiledDeclarations.Compile(CodeFixRunner.Apply(Declaration("[Const] Tensor [|w|]"), "LG0308", new AddShapeFix()));
        using var hand = CompiledDeclarations.Compile(Declaration("[Const, Shape(\"C\")] Tensor w"));

        Numbers.ShouldAgree(Numbers.Uniform(n * c, seed: 13),
            (s, ds) => fixedBuild.Call("ClassWeighted", "Run", s, y, w, n, c, ds),
            (s, ds) => hand.Call("ClassWeighted", "Run", s, y, w, n, c, ds));
    }

    [Fact]
    public void A_tensor_seen_nowhere_else_gets_its_fallback_names_in_a_new_list()
    {
        const string written = """
            using LossGen;
            using static LossGen.Dsl;

            [Regularizer]
            public partial struct Frobenius
            {
                static float Define(LossGen.Tensor [|W|]) => Sum((k, j) => Sqr(W[k, j]));

                public static double Run(double[] W, int rows, int cols, double[] dW) => ValueAndGradient(W, rows, cols, dW);
            }
            """;
        var fixedSource = CodeFixRunner.Apply(written, "LG0308", new AddShapeFix());
        fixedSource.ShouldContain("static float Define([LossGen.Shape(\"WDim0\", \"WDim1\")] LossGen.Tensor W) =>");

        // Hand-fixed with other names for the same dimensions: the same function.
        var hand = written.Replace("[|", "").Replace("|]", "").Replace("LossGen.Tensor W", "[Shape(\"D\", \"C\")] Tensor W");
        using var fixedBuild = CompiledDeclarations.Compile(fixedSource);
        using var handBuild = CompiledDeclarations.Compile(hand);
        Numbers.ShouldAgree(Numbers.Uniform(6, seed: 14),
            (x, g) => fixedBuild.Call("Frobenius", "Run", x, 2, 3, g),
            (x, g) => handBuild.Call("Frobenius", "Run", x, 2, 3, g));
    }
}
