using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Generator.EmittedTests;

/// <summary>
/// The xUnit step checks the generator emits for [Optimizer] declarations in an opted-in test
/// project: their code (approved snapshots, compiled without a warning), and that they catch what
/// they are for. The faults are planted in a hand-written Step that stands in for the generated
/// one; the emitted test class is used unchanged.
/// </summary>
public class EmittedStepCheckTests
{
    private const string Usings = "using LossGen;\nusing static LossGen.Dsl;\nnamespace Demo;\n";

    public static TheoryData<string, string> Declarations => new()
    {
        // Three state buffers, the step counter, and a statement over two lines.
        { "AmsGrad", Usings + """
            [Optimizer]
            public partial struct AmsGrad
            {
                static void Define(ref float w, float g, ref float m, ref float v, ref float vMax, Step t,
                                   float lr = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f)
                {
                    m = beta1 * m + (1 - beta1) * g;
                    v = beta2 * v + (1 - beta2) * g * g;
                    vMax = Max(vMax, v);
                    w -= lr / (1 - Pow(beta1, t))
                         * m / (Sqrt(vMax) / Sqrt(1 - Pow(beta2, t)) + eps);
                }
            }
            """ },
        // No state, no step counter, an expression body, a hyper-parameter without a default, and
        // parameter names the test class must not hide (length, p, Seed).
        { "Shrink", Usings + """
            [Optimizer]
            public partial struct Shrink
            {
                static void Define(ref float p, float length, float Seed, float lr = 0.05f)
                    => p -= length * p > 0 ? lr * length * Exp(-Abs(p) * Seed) : lr * length;
            }
            """ },
    };

    [Theory]
    [MemberData(nameof(Declarations))]
    public void Emitted_step_checks_match_the_approved_snapshot(string name, string source)
    {
        var (output, run) = EmittedTestHarness.Generate(source);

        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ShouldBeEmpty();
        EmittedTestHarness.Source(run, $".{name}.StepCheck.g.cs").ShouldMatchApproved(c => c
            .WithDiscriminator(name)
            .SubFolder("Approved")
            .WithFileExtension(".cs")
            .NoDiff());
    }

    [Fact]
    public void Emitted_step_checks_pass_on_the_generated_step()
    {
        foreach (var (name, source) in Declarations.Select(d => ((string)d[0], (string)d[1])))
        {
            var (output, _) = EmittedTestHarness.Generate(source);
            var assembly = EmittedTestHarness.Load(output.SyntaxTrees.Select(t => t.ToString()).ToArray());
            var check = assembly.GetType($"Demo.{name}StepCheck", throwOnError: true)!;
            foreach (var length in new[] { 1, 7, 33, 1000 })
            {
                EmittedTestHarness.RunTest(check, "Vectorized_step_equals_the_declared_rule_element_by_element", length).ShouldBeNull();
                EmittedTestHarness.RunTest(check, "Float_and_double_steps_agree", length).ShouldBeNull();
            }
        }
    }

    [Fact]
    public void No_step_check_is_emitted_for_a_rule_with_errors()
    {
        var (_, run) = EmittedTestHarness.Generate(Usings + """
            [Optimizer]
            public partial struct Broken
            {
                static void Define(ref float w, float g, float lr = 0.1f) => w -= lr * System.MathF.Abs(g);
            }
            """);
        run.Results.Single().GeneratedSources.ShouldNotContain(s => s.HintName.Contains("StepCheck"));
    }

    [Fact]
    public void No_step_check_is_emitted_without_the_opt_in()
    {
        var (_, run) = GeneratorHarness.Generate(Momentum);
        run.Results.Single().GeneratedSources.ShouldNotContain(s => s.HintName.Contains("StepCheck"));
    }

    private const string Momentum = Usings + """
        [Optimizer]
        public partial struct Momentum
        {
            static void Define(ref float w, float g, ref float m, float lr = 0.1f, float beta = 0.9f)
            {
                m = beta * m + g;
                w -= lr * m;
            }
        }
        """;

    /// <summary>
    /// Momentum's Step written by hand, with one fault chosen at run time: a lost masked tail
    /// (the vector loop's last length mod 4 elements are never updated), a sign flip, a state
    /// element computed but not stored, and a float path that reads a wrong coefficient.
    /// </summary>
    private const string PlantedStep = """
        using System;
        namespace Demo;
        public enum Planted { None, TailLost, SignFlip, StateNotStored, FloatCoefficient }
        public partial struct Momentum
        {
            public static Planted Fault;

            public static void Step(Span<double> w, ReadOnlySpan<double> g, Span<double> m, long t, double lr = 0.1, double beta = 0.9)
            {
                int n = Fault == Planted.TailLost ? w.Length / 4 * 4 : w.Length;
                for (int p = 0; p < n; p++)
                {
                    double next = beta * m[p] + g[p];
                    if (Fault != Planted.StateNotStored) m[p] = next;
                    w[p] = Fault == Planted.SignFlip ? w[p] + lr * next : w[p] - lr * next;
                }
            }

            public static void Step(Span<float> w, ReadOnlySpan<float> g, Span<float> m, long t, float lr = 0.1f, float beta = 0.9f)
            {
                float b = Fault == Planted.FloatCoefficient ? 0.8f : beta;
                for (int p = 0; p < w.Length; p++)
                {
                    m[p] = b * m[p] + g[p];
                    w[p] -= lr * m[p];
                }
            }
        }
        """;

    private const string RuleTest = "Vectorized_step_equals_the_declared_rule_element_by_element";
    private const string PrecisionTest = "Float_and_double_steps_agree";

    [Theory]
    // No fault: every emitted check passes at every length.
    [InlineData("None", RuleTest, 1, null)]
    [InlineData("None", RuleTest, 33, null)]
    [InlineData("None", PrecisionTest, 7, null)]
    [InlineData("None", PrecisionTest, 1000, null)]
    // A lost tail: caught at every length that is not a multiple of 4, first at the first lost element.
    [InlineData("TailLost", RuleTest, 1, "Momentum: w[0] of 1 after step 1")]
    [InlineData("TailLost", RuleTest, 7, "Momentum: w[4] of 7 after step 1")]
    [InlineData("TailLost", RuleTest, 33, "Momentum: w[32] of 33 after step 1")]
    [InlineData("TailLost", RuleTest, 1000, null)]
    [InlineData("SignFlip", RuleTest, 7, "Momentum: w[0] of 7 after step 1")]
    // The weight is right after the first step (it uses the new momentum); the state is not.
    [InlineData("StateNotStored", RuleTest, 33, "Momentum: m[0] of 33 after step 1")]
    // The float path: identical on the first step (the momentum starts at 0), off from the second.
    [InlineData("FloatCoefficient", PrecisionTest, 7, "Momentum: w[0] of 7 after step 2")]
    [InlineData("FloatCoefficient", RuleTest, 7, null)]
    public void Emitted_step_checks_catch_planted_faults(string fault, string test, int length, string? failure)
    {
        var (_, run) = EmittedTestHarness.Generate(Momentum);
        var assembly = EmittedTestHarness.Load(EmittedTestHarness.Source(run, ".Momentum.StepCheck.g.cs"), PlantedStep);
        var planted = assembly.GetType("Demo.Momentum", throwOnError: true)!;
        planted.GetField("Fault")!.SetValue(null, Enum.Parse(assembly.GetType("Demo.Planted", throwOnError: true)!, fault));

        var message = EmittedTestHarness.RunTest(assembly.GetType("Demo.MomentumStepCheck", throwOnError: true)!, test, length);

        if (failure is null) message.ShouldBeNull();
        else message.ShouldNotBeNull().ShouldStartWith(failure);
    }
}
