using System;
using LossGen.Checking;
using LossGen.Tests.Fuzzing;
using Shouldly;
using Xunit;

namespace LossGen.Tests.GeneratedChecking;

/// <summary>Compiles the ReLU declaration once for <see cref="GeneratedReluKinkTests"/>.</summary>
public sealed class ReluDeclaration : IDisposable
{
    private const string Loss = "Sum(i => Relu(u[i])) + Mean(j => Relu(b[j] - 0.5f)) + Sum(k => Sqr(w[k]))";

    public ReluDeclaration()
    {
        Compiled = CompiledBatch.Compile(CompiledBatch.Usings + new DeclarationText("Relus", new GeneratedProgram("", Loss, "0.5f")).ToString(), load: true);
        Program = new LoadedProgram(Compiled.TypeOf("Relus"), Compiled.Shaped("Relus"));
    }

    internal CompiledBatch Compiled { get; }

    internal LoadedProgram Program { get; }

    public void Dispose() => Compiled.Dispose();
}

/// <summary>
/// The generated (sub)gradient of ReLU losses on and near their kinks, with numeric kink
/// detection and no help: it must never be flagged. u[0] and b[0] − 0.5 sit exactly on a kink;
/// u[1], u[2], b[1], b[2] at the given offset from one (inside the probe step for the small ones).
/// </summary>
public class GeneratedReluKinkTests(ReluDeclaration declaration) : IClassFixture<ReluDeclaration>
{
    private static readonly double H = NumericStep.For<double>(1);

    public static TheoryData<double> Offsets => new() { 0, H / 3, -H / 3, H / 1024, -H * 0.75, 3 * H, 1e-13 };

    [Theory]
    [MemberData(nameof(Offsets))]
    public void Relu_gradients_pass_at_and_near_the_kink(double offset)
    {
        var inputs = new FuzzInputs(3, 4, 2,
            S: new double[12], U: new[] { 0, offset, -offset }, B: new[] { 0.5, 0.5 + offset, 0.5 - offset, 2 },
            W: new[] { 0.25, -0.75 }, X: new double[6], Y: new[] { 0, 1, 2 }, Alpha: 0.5);

        var report = GradCheck.Check(declaration.Program.Function(inputs), inputs.Differentiable(), inputs.Layout());

        report.Passed.ShouldBeTrue(report.ToString());
        // The kinks were seen as kinks: u[0] and b[0] at least, and the near ones inside the step.
        report.Find("u[0]")!.Kind.ShouldBe(CoordinateKind.AtKink, report.ToString());
        report.Find("b[0]")!.Kind.ShouldBe(CoordinateKind.AtKink, report.ToString());
        if (offset != 0 && Math.Abs(offset) < H)
            report.Find("u[1]")!.Kind.ShouldNotBe(CoordinateKind.Smooth, report.ToString());
        // The documented convention: slope 0 exactly at the kink (strict "> 0").
        report.Find("u[0]")!.Analytic.ShouldBe(0);
    }

    [Fact]
    public void A_relu_slope_outside_the_subdifferential_is_caught_on_the_kink()
    {
        var inputs = new FuzzInputs(3, 4, 2,
            S: new double[12], U: new[] { 0.0, 0.3, -0.3 }, B: new[] { 0.5, 1, 0, 2 },
            W: new[] { 0.25, -0.75 }, X: new double[6], Y: new[] { 0, 1, 2 }, Alpha: 0.5);
        var inner = declaration.Program.Function(inputs);
        // Relu's subdifferential at 0 is [0, 1]; −0.5 is a sign-flipped slope.
        var wrong = new DelegateGradientFunction<double>(inner.Value, (x, g) =>
        {
            var v = inner.ValueAndGradient(x, g);
            g[12] = -0.5;
            return v;
        });

        var report = GradCheck.Check(wrong, inputs.Differentiable(), inputs.Layout());

        report.Failures.ShouldHaveSingleItem(report.ToString()).Coordinate.ToString().ShouldBe("u[0]");
    }
}
