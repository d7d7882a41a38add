using System;
using System.Linq;
using LossGen.Checking;
using LossGen.Tests.Checking;
using LossGen.Tests.Fuzzing;
using Shouldly;
using Xunit;

namespace LossGen.Tests.GeneratedChecking;

/// <summary>
/// The checker against generated code with a bug planted in a test declaration's gradient (never
/// in the product): the generated ValueAndGradient is wrapped and corrupted one way at a time,
/// and the check must fail at exactly the corrupted coordinates, while the uncorrupted generated
/// gradient passes.
/// </summary>
public class GeneratedPlantedFaultTests : IDisposable
{
    // An SVM data term, a smooth term on s, and ReLU, L1 and L2 terms on u, b, w.
    private const string Loss =
        "Mean(i => Sum(j => j == y[i] ? 0f : Max(0f, s[i, j] - s[i, y[i]] + 1f))) + 0.5f * Sum((i, j) => Sqr(s[i, j]))"
        + " + Sum(i => Relu(u[i])) + Sum(j => Abs(b[j])) + Sum(k => Sqr(w[k]))";

    private readonly CompiledBatch compiled;
    private readonly LoadedProgram program;
    // N = 3, C = 4, D = 2; no margin, u or b element within 0.1 of a kink.
    private readonly FuzzInputs inputs = new(3, 4, 2,
        S: new[] { 0.3, -1.2, 0.9, 0.5, -0.4, 1.7, 0.2, -0.8, 1.1, 0.6, -1.5, 0.35 },
        U: new[] { 0.7, -0.9, 1.3 }, B: new[] { -0.6, 0.4, 1.2, -1.1 }, W: new[] { 0.25, -0.75 },
        X: new double[6], Y: new[] { 2, 0, 1 }, Alpha: 0.5);

    public GeneratedPlantedFaultTests()
    {
        compiled = CompiledBatch.Compile(CompiledBatch.Usings + new DeclarationText("Planted", new GeneratedProgram("", Loss, "0.5f")).ToString(), load: true);
        program = new LoadedProgram(compiled.TypeOf("Planted"), compiled.Shaped("Planted"));
    }

    public void Dispose() => compiled.Dispose();

    private GradCheckReport Check(IGradientFunction<double> f) => GradCheck.Check(f, inputs.Differentiable(), inputs.Layout());

    [Fact]
    public void The_generated_gradient_passes()
    {
        var report = Check(program.Function(inputs));
        report.Passed.ShouldBeTrue(report.ToString());
        report.CheckedCount.ShouldBe(12 + 3 + 4 + 2);
    }

    [Theory]
    [InlineData(6, "s[1, 2]")]
    [InlineData(12, "u[0]")]
    [InlineData(16, "b[1]")]
    public void A_sign_flip_fails_at_that_coordinate_only(int index, string name)
    {
        var report = Check(new PlantedFault<double, IGradientFunction<double>>(program.Function(inputs), Fault.SignFlip, index));
        report.Failures.Select(f => f.Coordinate.ToString()).ShouldBe(new[] { name }, customMessage: report.ToString());
    }

    [Fact]
    public void A_missing_one_over_n_fails_wherever_the_mean_contributes()
    {
        // Only the SVM term is a mean; forgetting its 1/N is what a wrong Mean lowering would do.
        // Simulated on the whole gradient: every nonzero element is then N = 3 times too large.
        var report = Check(new PlantedFault<double, IGradientFunction<double>>(program.Function(inputs), Fault.MissingMeanFactor, 0, meanCount: 3));
        report.Passed.ShouldBeFalse();
        report.FailedCount.ShouldBe(report.Coordinates.Count(c => c.Numeric != 0), report.ToString());
    }

    [Fact]
    public void A_wrong_index_fails_at_both_elements()
    {
        // s[0, 1]'s gradient written to s[0, 2], as an off-by-one in the generated offset would.
        var report = Check(new PlantedFault<double, IGradientFunction<double>>(program.Function(inputs), Fault.WrittenToNeighbour, 1));
        report.Failures.Select(f => f.Coordinate.ToString()).OrderBy(s => s).ToArray().ShouldBe(new[] { "s[0, 1]", "s[0, 2]" }, customMessage: report.ToString());
    }
}
