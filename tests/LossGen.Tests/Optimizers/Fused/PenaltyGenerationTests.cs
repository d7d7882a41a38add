using System.Linq;
using LossGen.Tests.Generator;
using Microsoft.CodeAnalysis;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Optimizers.Fused;

/// <summary>
/// Which regularizers get a fused Penalty: exactly those whose gradient at an element reads only
/// that element. The others (a Mean, whose derivative depends on P; a norm, a power of a sum)
/// get none and no diagnostic: they still have their ValueAndGradient, and naming their Penalty
/// is C#'s CS0426. The generated Penalty is snapshot-tested like every generated file.
/// </summary>
public class PenaltyGenerationTests
{
    private const string Source = """
        using LossGen;
        using static LossGen.Dsl;

        namespace Demo;

        [Regularizer]
        public partial struct ElasticNet
        {
            static float Define([Shape("P")] Tensor w, float beta = 0.5f) => Sum(k => beta * Sqr(w[k]) + Abs(w[k]));
        }

        // Element-wise in two dimensions: the penalty does not care about the shape.
        [Regularizer]
        public partial struct Frobenius
        {
            static float Define([Shape("D", "C")] Tensor W) => Sum((k, j) => Sqr(W[k, j]));
        }

        [Regularizer]
        public partial struct Smooth
        {
            static float Define([Shape("P")] Tensor w, float eps = 1e-3f) => Sum(k => Sqrt(Sqr(w[k]) + eps)) + 2;
        }

        // Five per-step constants: one more than PenaltyLanes holds.
        [Regularizer]
        public partial struct ManyConstants
        {
            static float Define([Shape("P")] Tensor w, float a = 0.5f, float b = 0.25f, float c = 0.125f, float d = 3f) =>
                Sum(k => a * Sqr(w[k]) + b * Abs(w[k]) + c * Sqr(Sqr(w[k])) + d * Log(1 + Sqr(w[k])));
        }

        // Hyper-parameters named like the Penalty's own members still give a compiling Penalty.
        [Regularizer]
        public partial struct Clashing
        {
            static float Define([Shape("P")] Tensor w, float Gradient = 2f, float lambda = 0.5f, float Lambda = 0.25f, float constants = 1f) =>
                Sum(k => Gradient * Sqr(w[k]) + lambda * Abs(w[k]) + Lambda * w[k] + constants);
        }

        // Not element-wise: the mean's derivative is f'(w)/P.
        [Regularizer]
        public partial struct MeanSquare
        {
            static float Define([Shape("P")] Tensor w) => Mean(k => Sqr(w[k]));
        }

        // Not element-wise: the Euclidean norm's derivative w/‖w‖ reads every element.
        [Regularizer]
        public partial struct Norm
        {
            static float Define([Shape("P")] Tensor w) => Sqrt(Sum(k => Sqr(w[k])));
        }

        [Regularizer]
        public partial struct SquaredSum
        {
            static float Define([Shape("P")] Tensor w) => Sqr(Sum(k => w[k]));
        }
        """;

    [Fact]
    public void Only_element_wise_regularizers_get_a_penalty()
    {
        var (output, run) = GeneratorHarness.Generate(Source);
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ShouldBeEmpty();
        var penalties = run.Results.Single().GeneratedSources.Select(s => s.HintName).Where(h => h.EndsWith(".Penalty.g.cs")).Order();
        penalties.ShouldBe(new[] { "Demo.Clashing.Penalty.g.cs", "Demo.ElasticNet.Penalty.g.cs", "Demo.Frobenius.Penalty.g.cs", "Demo.ManyConstants.Penalty.g.cs", "Demo.Smooth.Penalty.g.cs" });
    }

    [Fact]
    public void Constants_beyond_the_four_lanes_slots_are_broadcast_in_the_gradient()
    {
        var (_, run) = GeneratorHarness.Generate(Source);
        var text = run.Results.Single().GeneratedSources.Single(s => s.HintName == "Demo.ManyConstants.Penalty.g.cs").SourceText.ToString();
        text.ShouldContain("C3 = V.Splat(");
        text.ShouldContain("// More than 4 constants: the rest are broadcast here, in the loop.");
    }

    [Fact]
    public void Naming_the_penalty_of_a_non_element_wise_regularizer_is_a_CSharp_error()
    {
        var (output, _) = GeneratorHarness.Generate(Source, """
            namespace Demo;
            static class Use { static object Make() => new Norm.Penalty(0.1); }
            """);
        output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).ShouldBe(new[] { "CS0426" });
    }

    [Fact]
    public void Generated_penalty_matches_the_approved_snapshot()
    {
        var (_, run) = GeneratorHarness.Generate(Source);
        run.Results.Single().GeneratedSources.Single(s => s.HintName == "Demo.ElasticNet.Penalty.g.cs").SourceText.ToString()
            .ShouldMatchApproved(c => c.SubFolder("Approved").WithFileExtension(".cs").NoDiff());
    }
}
