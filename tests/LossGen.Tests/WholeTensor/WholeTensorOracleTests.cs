using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using LossGen.Tests.Builtins;
using LossGen.Tests.Fuzzing;
using Shouldly;
using Xunit;

namespace LossGen.Tests.WholeTensor;

/// <summary>
/// The seed's valid broadcasting examples and the other whole-tensor operations, written as DSL
/// declarations, compiled by the real generator and run: the value must be numpy's (which
/// broadcasts on its own), the gradient torch autograd's and the centered difference's.
/// </summary>
public sealed class WholeTensorOracleTests : IClassFixture<WholeTensorOracleTests.Batch>
{
    /// <summary>All cases compiled once, as one assembly.</summary>
    public sealed class Batch : IDisposable
    {
        internal CompiledBatch Compiled { get; } = CompiledBatch.Compile(WholeTensorCases.Source(), load: true);

        public void Dispose() => Compiled.Dispose();
    }

    private delegate double RunDouble(IReadOnlyDictionary<string, double[]> t, int[] y, IReadOnlyDictionary<string, double[]>? g);
    private delegate float RunFloat(IReadOnlyDictionary<string, float[]> t, int[] y);

    private readonly CompiledBatch batch;

    public WholeTensorOracleTests(Batch fixture) => batch = fixture.Compiled;

    public static TheoryData<string> Names => new(WholeTensorCases.Declarations.Keys);

    [Fact]
    public void Every_case_compiles_with_no_diagnostics()
    {
        batch.GeneratorCrashes.ShouldBeEmpty();
        batch.CompileErrors.ShouldBeEmpty();
        batch.Run.Diagnostics.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Double_value_is_numpys(string name)
    {
        var c = WholeTensorFixtureCase.Get(name);
        var value = Double(name)(Inputs(c), c.LabelValues, null);
        value.ShouldBe(c.Value, 1e-12 * Math.Max(1, Math.Abs(c.Value)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Float_value_is_numpys_to_float_precision(string name)
    {
        var c = WholeTensorFixtureCase.Get(name);
        var inputs = c.Inputs.ToDictionary(kv => kv.Key, kv => kv.Value.AsFloats());
        double value = Float(name)(inputs, c.LabelValues);
        value.ShouldBe(c.Value, 1e-4 * Math.Max(1, Math.Abs(c.Value)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Gradient_is_torch_autograds_and_the_centered_differences(string name)
    {
        var c = WholeTensorFixtureCase.Get(name);
        var run = Double(name);
        var inputs = Inputs(c);
        var grads = c.Gradients.ToDictionary(kv => kv.Key, kv => Enumerable.Repeat(double.NaN, kv.Value.Length).ToArray());

        var value = run(inputs, c.LabelValues, grads);

        value.ShouldBe(c.Value, 1e-12 * Math.Max(1, Math.Abs(c.Value)), "ValueAndGradient's value");
        foreach (var (tensor, expected) in c.Gradients)
        {
            var actual = grads[tensor];
            for (var k = 0; k < actual.Length; k++)
                actual[k].ShouldBe(expected.Data[k], 1e-10 * Math.Max(1, Math.Abs(expected.Data[k])), $"d{tensor}[{k}] vs torch");
            var numeric = CenteredDifference.Gradient(inputs[tensor].ToArray(), x =>
            {
                var shifted = new Dictionary<string, double[]>(inputs) { [tensor] = x };
                return run(shifted, c.LabelValues, null);
            });
            CenteredDifference.AssertMatches(actual, numeric, name + ".d" + tensor);
        }
    }

    private static Dictionary<string, double[]> Inputs(WholeTensorFixtureCase c) =>
        c.Inputs.ToDictionary(kv => kv.Key, kv => kv.Value.Data.ToArray());

    private RunDouble Double(string name) => batch.TypeOf(name).GetMethod("Run")!.CreateDelegate<RunDouble>();

    private RunFloat Float(string name) => batch.TypeOf(name).GetMethod("RunFloat")!.CreateDelegate<RunFloat>();
}
