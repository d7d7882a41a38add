using System.Linq;
using System.Text.RegularExpressions;
using LossGen.Tests.Diagnostics;
using LossGen.Tests.Generator;
using Shouldly;
using Xunit;

namespace LossGen.Tests.WholeTensor;

/// <summary>
/// The seed's broadcasting examples as DSL declarations, through the real generator and analyzer.
/// The shape a valid one infers is read back exactly: the result is named (<c>var r = …;</c>) and
/// then indexed with one index too few, and LG0101's message states r's shape. The values of the
/// same expressions are checked against numpy in WholeTensorOracleTests; the errors, at their
/// exact spans, are corpus cases (Diagnostics/Corpus/LG0105_seed_*).
/// </summary>
public class SeedShapeTests
{
    private static string Declaration(string parameters, string expression) => $$"""
        using LossGen;
        using static LossGen.Dsl;

        [Loss]
        public partial struct Seed
        {
            static float Define({{parameters}})
            {
                var r = {{expression}};
                return Sum(i => r[i]);
            }
        }
        """;

    [Theory]
    [InlineData("""[Shape("10", "20")] Tensor A, [Shape("20")] Tensor b""", "A + b", "[10, 20]")]
    [InlineData("""[Shape("10", "20")] Tensor A, [Shape("10", "1")] Tensor c""", "A + c", "[10, 20]")]
    [InlineData("""[Shape("1", "20")] Tensor r0, [Shape("10", "1")] Tensor c""", "r0 + c", "[10, 20]")]
    [InlineData("""[Shape("30")] Tensor x, [Shape("20", "1")] Tensor y, [Shape("10", "1", "1")] Tensor z""", "x + y + z", "[10, 20, 30]")]
    [InlineData("""[Shape("N", "2")] Tensor P, [Shape("2", "1")] Tensor v""", "P - v.T", "[N, 2]")]
    [InlineData("""[Shape("N", "D")] Tensor X, [Shape("M", "D")] Tensor Y""",
        "Sum(X * X, axis: 1, keepDims: true) + Sum(Y * Y, axis: 1, keepDims: true).T - 2 * MatMul(X, Y.T)", "[N, M]")]
    // (N,D) + (N,) is an error unless N and D are known equal: here they are one name.
    [InlineData("""[Shape("D", "D")] Tensor S, [Shape("D")] Tensor w""", "S + w", "[D, D]")]
    public void Valid_example_has_the_seeds_shape(string parameters, string expression, string shape)
    {
        var run = DiagnosticRun.Of(Declaration(parameters, expression));

        var rank = Regex.Matches(shape, ",").Count + 1;
        run.Reported.Select(d => d.GetMessage()).ShouldBe(new[] { $"'r' has rank {rank} ({shape}) but is indexed with 1 index" });
        run.ShouldHaveAHealthyGenerator();
    }

    [Theory]
    [InlineData("""[Shape("10", "20")] Tensor A, [Shape("10")] Tensor b""", "A + b", "axis 1 has 20 vs 10")]
    [InlineData("""[Shape("N", "2")] Tensor P, [Shape("2", "1")] Tensor v""", "P - v", "axis 0 has N vs 2")]
    [InlineData("""[Shape("N", "D")] Tensor X, [Shape("N")] Tensor w""", "X + w", "axis 1 has D vs N")]
    public void Error_example_is_LG0105_on_the_operator_expression(string parameters, string expression, string why)
    {
        var source = Declaration(parameters, expression);
        var run = DiagnosticRun.Of(source);

        var d = run.Reported.ShouldHaveSingleItem();
        d.Id.ShouldBe("LG0105");
        source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length).ShouldBe(expression);
        d.GetMessage().ShouldContain(why);
        run.ShouldHaveAHealthyGenerator();
    }

    [Fact]
    public void Numpy_style_compiles_to_the_same_kernels_as_index_notation()
    {
        // The whole-tensor form is lowered to index notation, so the generated kernels — every
        // loop, load and store — are the same text; only the documentation and names around them differ.
        const string numpy = """
            using LossGen;
            using static LossGen.Dsl;
            [Loss]
            public partial struct Scores
            {
                static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D", "C")] Tensor W, [Shape("C")] Tensor b, [Shape("N")] Labels y)
                {
                    var s = MatMul(X, W) + b;
                    return Mean(i => LogSumExp(j => s[i, j]) - s[i, y[i]]);
                }
            }
            """;
        var index = numpy.Replace("MatMul(X, W) + b", "Tensor.Of((i, j) => Sum(k => X[i, k] * W[k, j]) + b[j])");

        Kernels(numpy).ShouldBe(Kernels(index));
    }

    private static string Kernels(string source)
    {
        var generated = GeneratorHarness.GeneratedSource(GeneratorHarness.Generate(source).Run, "Scores");
        return generated[generated.IndexOf("private static double ValueKernel", System.StringComparison.Ordinal)..];
    }
}
