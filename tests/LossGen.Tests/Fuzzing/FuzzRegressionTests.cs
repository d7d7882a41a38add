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
    [InlineData("Sum(j => Sum(i => b[j] * u[i]))")]
    // The tie test of a Max reduction compared a body recomputed by scalar tanh with a maximum from
    // vector tanh: they differ by an ulp, nothing tied, and the gradient through the Max was 0.
    [InlineData("Mean(j => Max(j2 => Tanh(Mean(i => b[j2] + u[i]))) + b[j])")]
    [InlineData("Sum(i => Min(j => Exp(Tanh(s[i, j] + u[i]))))")]
    [InlineData("Sum(j => Max(k => Sigmoid(w[k] * b[j])))")]
    // Max(x, x) derives "x >= x", emitted as a self-comparison that C# warns about (CS1718).
    [InlineData("Mean(i => Max(u[i], u[i]) + Min(u[i], u[i]))")]
    public void Found_by_fuzzing(string loss) => AssertCompilesCorrectly(new GeneratedProgram("", loss, "0.5f"));

    [Fact]
    public void A_comprehension_used_with_its_label_gets_no_self_comparison()
    {
        // t[y[i], i] turns the comprehension's "p != y[q]" into y[i] != y[i] (CS1718 before the fix).
        AssertCompilesCorrectly(new GeneratedProgram(
            "var t = Tensor.Of((p, q) => (p != y[q] ? s[q, p] : u[q]) + b[p]);\n",
            "Sum(i => t[y[i], i])", "0.5f"));
    }

    private static void AssertCompilesCorrectly(GeneratedProgram program)
    {
        var source = new DeclarationText("R", program).ToString();
        using var compiled = CompiledBatch.Compile(CompiledBatch.Usings + source, load: true);
        compiled.GeneratorCrashes.ShouldBeEmpty();
        compiled.CompileErrors.Select(d => d.ToString()).ShouldBeEmpty();
        var loaded = new LoadedProgram(compiled.TypeOf("R"), compiled.Shaped("R"));
        for (var k = 0; k < 6; k++)
        {
            var inputs = FuzzInputs.Draw(new Random(k), large: k % 2 == 1);
            var failure = DifferentialRunner.Check(loaded, inputs, out var discard);
            discard.ShouldBeFalse();
            failure.ShouldBeNull($"{inputs}: {failure}");
        }
    }
}
