using System;
using System.Linq;
using LossGen.Checking;
using LossGen.Tests.Fuzzing;
using Shouldly;
using Xunit;

namespace LossGen.Tests.GeneratedChecking;

/// <summary>The kink oracle built from the compiler's IR (<see cref="IrKinkOracle"/>) on generated code, at points exactly on kinks.</summary>
public class CompilerKinkOracleTests : IDisposable
{
    private const string Loss =
        "Mean(i => Sum(j => j == y[i] ? 0f : Max(0f, s[i, j] - s[i, y[i]] + 1f))) + Sum(i => Relu(u[i])) + Sum(j => Abs(b[j])) + Sum(k => Sqr(w[k]))";

    private readonly CompiledBatch compiled;
    private readonly LoadedProgram program;
    // Row 0: s[0, 1] − s[0, y=0] + 1 = 0 exactly (on the hinge); u[0] = 0 (ReLU kink); b[1] = 0 (|·| kink).
    private readonly FuzzInputs inputs = new(2, 3, 2,
        S: new[] { 1.0, 0.0, -2.0, 0.3, 1.4, -0.2 }, U: new[] { 0.0, 0.7 }, B: new[] { 0.5, 0.0, -1.25 }, W: new[] { 0.25, -0.75 },
        X: new double[4], Y: new[] { 0, 1 }, Alpha: 0.5);

    public CompilerKinkOracleTests()
    {
        compiled = CompiledBatch.Compile(CompiledBatch.Usings + new DeclarationText("Kinked", new GeneratedProgram("", Loss, "0.5f")).ToString(), load: true);
        program = new LoadedProgram(compiled.TypeOf("Kinked"), compiled.Shaped("Kinked"));
    }

    public void Dispose() => compiled.Dispose();

    private IrKinkOracle Oracle => new(program.Shaped, inputs, program.BetaDefault);

    [Fact]
    public void It_puts_the_kinks_where_they_are()
    {
        var x = inputs.Differentiable();
        // Flat layout: s (6), u (2), b (3), w (2).
        Oracle.Locate(x, 1, out var onHinge).ShouldBe(KinkAnswer.Kink);
        onHinge.ShouldBe(0);
        Oracle.Locate(x, 6, out var onRelu).ShouldBe(KinkAnswer.Kink);
        onRelu.ShouldBe(0);
        Oracle.Locate(x, 7, out var fromRelu).ShouldBe(KinkAnswer.Kink);
        fromRelu.ShouldBe(0.7);
        Oracle.Locate(x, 9, out var onAbs).ShouldBe(KinkAnswer.Kink);
        onAbs.ShouldBe(0);
        // w only enters through Sqr: smooth.
        Oracle.Locate(x, 11, out _).ShouldBe(KinkAnswer.Smooth);
        Oracle.Locate(x, 12, out _).ShouldBe(KinkAnswer.Smooth);
    }

    [Fact]
    public void A_kink_it_cannot_locate_is_unknown_and_checked_numerically()
    {
        // Relu(Tanh(b[j])): the kink argument is not affine in b, so the oracle cannot give a
        // distance. b[1] = 0 puts it exactly on the kink; the check must still examine it.
        using var nonAffine = CompiledBatch.Compile(CompiledBatch.Usings
            + new DeclarationText("Curved", new GeneratedProgram("", "Sum(j => Relu(Tanh(b[j]))) + Sum(k => Sqr(w[k]))", "0.5f")).ToString(), load: true);
        var curved = new LoadedProgram(nonAffine.TypeOf("Curved"), nonAffine.Shaped("Curved"));
        var oracle = new IrKinkOracle(curved.Shaped, inputs, curved.BetaDefault);
        var x = inputs.Differentiable();

        oracle.Locate(x, 9, out _).ShouldBe(KinkAnswer.Unknown);
        oracle.Locate(x, 11, out _).ShouldBe(KinkAnswer.Smooth);

        var report = GradCheck.Check(curved.Function(inputs), x, inputs.Layout(), new GradCheckOptions { KinkOracle = oracle });
        report.Passed.ShouldBeTrue(report.ToString());
        report.OracleUndecided.Select(c => c.Coordinate.ToString()).ShouldBe(new[] { "b[0]", "b[1]", "b[2]" });
        report.Find("b[1]")!.Kind.ShouldBe(CoordinateKind.AtKink, report.ToString());
    }

    [Fact]
    public void The_generated_subgradients_pass_on_the_kinks()
    {
        var report = GradCheck.Check(program.Function(inputs), inputs.Differentiable(), inputs.Layout(), new GradCheckOptions { KinkOracle = Oracle });
        report.Passed.ShouldBeTrue(report.ToString());
        report.AtKinkCount.ShouldBeGreaterThanOrEqualTo(3, report.ToString());
    }

    [Fact]
    public void A_value_outside_the_subdifferential_fails_on_the_kink()
    {
        // The ReLU at u[0] = 0 admits any slope in [0, 1]; 1.5 is not one.
        var inner = program.Function(inputs);
        var wrong = new DelegateGradientFunction<double>(inner.Value, (x, g) =>
        {
            var v = inner.ValueAndGradient(x, g);
            g[6] = 1.5;
            return v;
        });
        var report = GradCheck.Check(wrong, inputs.Differentiable(), inputs.Layout(), new GradCheckOptions { KinkOracle = Oracle });
        report.Failures.Select(f => f.Coordinate.ToString()).ShouldBe(new[] { "u[0]" }, customMessage: report.ToString());
    }
}
