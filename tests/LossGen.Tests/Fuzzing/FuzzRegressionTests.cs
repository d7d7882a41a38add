using System;
using System.Linq;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Fuzzing;

/// <summary>
/// Compiler bugs found by differential fuzzing, minimised, each checked the way the fuzzer checks
/// (generated Value against the interpreter in double and float, kink-aware gradient check, and a
/// warning-free compilation) on small shapes and on shapes wider than a vector.
/// </summary>
public class FuzzRegressionTests
{
    [Theory]
    // A uniform gradient contribution inside the vector loop, to an element the lane variable does
    // not index, was added once per vector instead of once per lane: du came out 1/(N·D), not 1/N.
    [InlineData("Mean(k => Mean(i => w[k] + u[i]))")]
    [InlineData("Sum(j => Sum(i => b[j] + Sqr(u[i])))")]
    // The tie test of a Max reduction compared a body recomputed by scalar tanh with a maximum from
    // vector tanh: they differ by an ulp, nothing tied, and the gradient through the Max was 0.
    [InlineData("Mean(j => Max(j2 => Tanh(Mean(i => b[j2] + u[i]))) + b[j])")]
    // The same with a log-sum-exp nested in the Max: summed across lanes in one loop and in order
    // in another, it differed in the last bits (long run, seed 20261121, program 5890).
    [InlineData("Mean(i1 => Max(k2 => (LogSumExp(j3 => ((w[k2] + s[i1, y[i1]]) + b[j3])) - Pow(1f + Sqr(Tanh(X[i1, k2])), -0.5f))))")]
    // A loss that does not depend on a differentiable tensor left its gradient buffers unwritten
    // (the checker's NaN poison survived) instead of overwriting them with zeros.
    [InlineData("Mean((k, i) => X[i, k])")]
    // Max(x, x) derives "x >= x", emitted as a self-comparison that C# warns about (CS1718).
    [InlineData("Mean(i => Max(u[i], u[i]) * b[y[i]] + Min(u[i], u[i]))")]
    public void Found_by_fuzzing(string loss) => AssertCompilesCorrectly(new GeneratedProgram("", loss, "0.5f"));

    [Fact]
    public void A_comprehension_used_with_its_label_gets_no_self_comparison()
    {
        // t[y[i], i] turns the comprehension's "p != y[q]" into y[i] != y[i] (CS1718 before the fix).
        AssertCompilesCorrectly(new GeneratedProgram(
            "var t = Tensor.Of((p, q) => (p != y[q] ? s[q, p] : u[q]) + b[p]);\n",
            "Sum(i => t[y[i], i])", "0.5f"));
    }

    [Fact]
    public void A_forward_reduction_inside_a_gradient_loop_over_a_same_named_variable_compiles()
    {
        // As found (seed 20261121, program 17): the log-sum-exp over j inside t1 is needed by a
        // gradient loop over another variable canonicalized to j; the kernel declared j twice (CS0136).
        AssertCompilesCorrectly(new GeneratedProgram(
            "var t1 = Tensor.Of((p1, p2) => ((s[p2, y[p2]] + LogSumExp(j1 => (Mean((i2, j2x) => ((u[p2] + u[i2]) * b[j2x])) * b[j1]))) * u[p1]));\n"
            + "var m1 = Mean((i1, j1x) => (-1.5f + (u[i1] * t1[i1, i1])) / (2f + Tanh(Pow(Relu(b[j1x]), 3))));\n",
            "Max((i1, j1x) => (j1x <= y[i1] ? Max(Sqr(t1[i1, i1]), ((j1x == y[i1] && j1x != y[i1]) ? Exp(Tanh(s[i1, j1x])) : Max(t1[i1, i1], 0.1f)))"
            + " : Max((k2, i2x) => Min((X[i2x, k2] - m1), s[i2x, y[i2x]]))))", "1f"), draws: 2);
    }

    [Fact]
    public void A_scratch_row_of_a_value_hoisted_out_of_a_rows_across_block_is_declared_for_the_whole_kernel()
    {
        // As found (seed 20263197, the long run after rows across lanes landed): m1, a log-sum-exp
        // over rows that no row depends on, is computed before the row loop and its block, but its
        // scratch row was rented inside the block (CS0103: 'row6' does not exist).
        AssertCompilesCorrectly(new GeneratedProgram(
            "var m1 = LogSumExp(i1 => Softplus(Sum((i2, j2x) => (s[i1, y[i2]] * b[j2x]))));\n",
            "Sum(i1 => Softplus((m1 / (2f + Tanh(b[y[i1]])) + Sqrt(1f + Sqr(s[i1, y[i1]])))) / (2f + Tanh(Pow(Sum(j2 => (b[y[i1]] * b[j2])), 1))))",
            "1f"));
    }

    internal static void AssertCompilesCorrectly(GeneratedProgram program, int draws = 6)
    {
        var source = new DeclarationText("R", program).ToString();
        using var compiled = CompiledBatch.Compile(CompiledBatch.Usings + source, load: true);
        compiled.GeneratorCrashes.ShouldBeEmpty();
        compiled.CompileErrors.Select(d => d.ToString()).ShouldBeEmpty();
        var loaded = new LoadedProgram(compiled.TypeOf("R"), compiled.Shaped("R"));
        for (var k = 0; k < draws; k++)
        {
            var inputs = FuzzInputs.Draw(new Random(k), large: k % 2 == 1);
            var failure = DifferentialRunner.Check(loaded, inputs, out var discard);
            discard.ShouldBeFalse();
            failure.ShouldBeNull($"{inputs}: {failure}");
        }
    }
}
