using System;
using System.Collections.Generic;
using System.Linq;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Fuzzing;

/// <summary>
/// A Max/Min reduction whose body holds a log-sum-exp lost its gradient: the gradient found the
/// selected element by testing <c>body == result</c> on a body recomputed in another loop, where
/// the nested log-sum-exp summed in another order and missed the forward value by an ulp, so no
/// element matched and the gradient through the reduction was 0. The fix records the selected
/// index in the forward pass. These are the long run's failures (seed 20261121) and the minimised
/// example; each is checked against centered differences (GradCheck, double) and the interpreter.
/// </summary>
public class TiedExtremeRegressionTests
{
    private const ulong LongRunSeed = 20261121UL;

    /// <summary>The long run's failing programs, drawn again from their seed, on the very inputs the long run used.</summary>
    [Theory]
    [InlineData(3429)]
    [InlineData(4436)]
    [InlineData(4999)]
    [InlineData(7933)]
    [InlineData(9372)]
    [InlineData(9938)]
    public void Long_run_program_passes_on_its_own_inputs(int k)
    {
        var program = DifferentialRunner.Sample(LongRunSeed + (ulong)k, 1)[0];
        var failures = new List<FuzzFailure>();
        var name = "P" + k;
        var discarded = DifferentialRunner.RunBatch(new[] { (name, new DeclarationText(name, program).ToString()) }, LongRunSeed, 2, failures);
        discarded.ShouldBe(0);
        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    /// <summary>The same programs as text, so they keep testing this if the program generator changes.</summary>
    [Theory]
    [InlineData("", "Mean(i1 => (Max(i2 => Log(Sum(j3 => Exp(Tanh((u[i2] + b[j3])))))) + u[i1]))", "1e-3f")]
    [InlineData("",
        "Sum((k1, i1x) => (Min(j2 => (Max(0f, (LogSumExp((j3, i3x) => ((u[i1x] + b[j3]) + u[i3x])) + Log(Sum(j3 => Exp(Tanh((beta * b[j3]))))))) * b[j2])) * w[k1]))",
        "1e-3f")]
    [InlineData("var m1 = Max(j1 => (Tanh(b[j1]) * Log(Sum(j2 => Exp(Tanh((Sqrt(1f + Sqr(b[j1])) * b[j2])))))));\n",
        "LogSumExp(i1 => Abs((Relu(u[i1]) + Relu(m1)) / (2f + Tanh(Relu(b[y[i1]])))))", "2f")]
    [InlineData("", "Sum(k1 => (Log(1f + Sqr(Min(i2 => -(Log(Sum(j3 => Exp(Tanh((u[i2] + b[j3]))))))))) * w[k1]))", "2f")]
    [InlineData("var m1 = Min(j1 => LogSumExp(j2 => (b[j2] + (b[j1] * b[j2]))));\n",
        "Sum(i1 => ((u[i1] + Sqrt(1f + Sqr(m1 / (2f + Tanh(beta))))) * Softplus(Sqrt(1f + Sqr(alpha)))))", "1f")]
    [InlineData("",
        "Mean(k1 => (Max(j2 => Sqr((Exp(Tanh(b[j2])) * Log(Sum(j3 => Exp(Tanh((b[j2] + b[j3])))))))) + w[k1]))", "0.5f")]
    public void Long_run_program_passes_on_fresh_inputs(string statements, string result, string beta) =>
        FuzzRegressionTests.AssertCompilesCorrectly(new GeneratedProgram(statements, result, beta));

    /// <summary>
    /// The documented tie rule (docs/subgradients.md) on rows wider than any vector, so the
    /// gradient pass over j runs full vectors and a masked tail: of several equal maxima (minima)
    /// the first gets the whole adjoint, the others nothing, whatever lane they fall in.
    /// </summary>
    [Fact]
    public void At_a_tie_the_first_extreme_element_gets_the_gradient()
    {
        var program = new GeneratedProgram("", "Mean(i => Max(j => s[i, j])) + Sum(i => Min(j => s[i, j] + u[i]))", "0.5f");
        using var compiled = CompiledBatch.Compile(CompiledBatch.Usings + new DeclarationText("R", program), load: true);
        compiled.CompileErrors.ShouldBeEmpty();
        var loaded = new LoadedProgram(compiled.TypeOf("R"), compiled.Shaped("R"));
        const int C = 19;
        var s = new double[2 * C];
        for (var j = 0; j < C; j++) (s[j], s[C + j]) = (0.1 * (j % 5), -0.1 * (j % 7));
        // Row 0: maxima 3 at j = 5, 12, 18; minima −1 at j = 2, 17. Row 1: maxima 2 at 9 and 16, minimum −4 at 11 and 13.
        (s[5], s[12], s[18], s[2], s[17]) = (3, 3, 3, -1, -1);
        (s[C + 9], s[C + 16], s[C + 11], s[C + 13]) = (2, 2, -4, -4);
        var inputs = new FuzzInputs(2, C, 2, S: s, U: new[] { 0.5, -0.25 }, B: new double[C], W: new double[2],
            X: new double[4], Y: new[] { 0, 0 }, Alpha: 0.5);

        var x = inputs.Differentiable();
        var gradient = new double[x.Length];
        var value = loaded.Function(inputs).ValueAndGradient(x, gradient);

        value.ShouldBe((3 + 2) / 2.0 + (-1 + 0.5) + (-4 - 0.25), 1e-12);
        var expected = new double[2 * C];
        (expected[5], expected[C + 9]) = (0.5, 0.5); // the Mean's 1/N to the first maximum of each row
        expected[2] += 1;                             // the Sum's 1 to the first minimum of each row
        expected[C + 11] += 1;
        gradient.Take(2 * C).ToArray().ShouldBe(expected);
        gradient.Skip(2 * C).Take(2).ToArray().ShouldBe(new[] { 1.0, 1.0 }); // du: the Min's body holds u[i] once
    }

    /// <summary>
    /// The minimised example on the inputs it failed with (N = C = D = 2): db came out 0. The
    /// Min selects j2 = 0 here (b[0]² is the smaller square, so −1.5/(1 + b[j2]²) is the smaller
    /// shift), and db must equal the centered difference of the double Value, not 0.
    /// </summary>
    [Fact]
    public void Min_over_a_log_sum_exp_keeps_its_gradient()
    {
        var program = new GeneratedProgram("var t2 = Tensor.Of(p1 => 1f + w[p1]);\n",
            "Mean(k1 => Softplus(Sqr(t2[k1])) + Min(j2 => LogSumExp(j3 => -1.5f / (1f + Sqr(b[j2])) + b[j3])))", "0.5f");
        using var compiled = CompiledBatch.Compile(CompiledBatch.Usings + new DeclarationText("R", program), load: true);
        compiled.CompileErrors.ShouldBeEmpty();
        var loaded = new LoadedProgram(compiled.TypeOf("R"), compiled.Shaped("R"));
        var inputs = new FuzzInputs(2, 2, 2,
            S: new[] { 0.3, -0.2, 1.1, 0.4 }, U: new[] { 0.5, -1.0 },
            B: new[] { -0.758846, 0.229301 }, W: new[] { -1.057583, -0.799942 },
            X: new[] { 0.1, 0.2, 0.3, 0.4 }, Y: new[] { 1, 0 }, Alpha: 0.25);

        var x = inputs.Differentiable();
        var gradient = new double[x.Length];
        loaded.Function(inputs).ValueAndGradient(x, gradient);
        var bOffset = inputs.S.Length + inputs.U.Length;
        for (var k = 0; k < inputs.B.Length; k++)
        {
            var h = 1e-5;
            var plus = (double[])x.Clone();
            var minus = (double[])x.Clone();
            plus[bOffset + k] += h;
            minus[bOffset + k] -= h;
            var centered = (loaded.Function(inputs).Value(plus) - loaded.Function(inputs).Value(minus)) / (2 * h);
            // The loss is smooth here (the two shifts differ by 0.43), so the centered difference
            // is accurate to O(h²) ≈ 1e-10 plus rounding ≈ 1e-16/h = 1e-11.
            Math.Abs(centered).ShouldBeGreaterThan(0.1);
            gradient[bOffset + k].ShouldBe(centered, 1e-8);
        }
    }
}
