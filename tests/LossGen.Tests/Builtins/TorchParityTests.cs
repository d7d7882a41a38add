using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Tests.Fixtures;
using Golden = LossGen.Tests.Fixtures.Fixtures;
using Xunit;

namespace LossGen.Tests.Builtins;

/// <summary>
/// Every built-in against PyTorch 1.13 (fixtures written by tests/fixtures-scripts): 1e-6
/// relative in double, 1e-4 in float, value and every gradient element.
/// </summary>
public class TorchParityTests
{
    public static IEnumerable<object[]> Cases() =>
        Golden.LossFamilies.SelectMany(f => Golden.Loss(f).Cases.Select(c => new object[] { f, c.Name, c.Dtype }));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch(string family, string caseName, string dtype)
    {
        var c = Golden.Loss(family).Case(caseName, dtype);
        var rtol = dtype == "float64" ? 1e-6 : 1e-4;
        // An absolute floor for elements that are (near) zero: rounding of the inputs to the
        // precision in use, scaled by the gradient's magnitude, not a relaxation of rtol.
        var eps = dtype == "float64" ? 1e-15 : 1e-7;

        var got = BuiltinRunner.Run(family, c);

        AssertClose(got.Value, c.Value, rtol, eps * Math.Max(1, Math.Abs(c.Value)), $"{family}/{caseName}/{dtype} value");
        foreach (var (name, expected) in c.Grads)
        {
            var actual = got.Grads[name];
            Assert.Equal(expected.Length, actual.Length);
            var scale = expected.Data.Max(Math.Abs);
            for (var k = 0; k < actual.Length; k++)
                AssertClose(actual[k], expected.Data[k], rtol, eps * Math.Max(1, scale), $"{family}/{caseName}/{dtype} d{name}[{k}]");
        }
    }

    internal static void AssertClose(double actual, double expected, double rtol, double atol, string what)
    {
        var err = Math.Abs(actual - expected);
        Assert.True(err <= atol + rtol * Math.Abs(expected),
            $"{what}: got {actual:R}, expected {expected:R} (|diff| {err:E3} > {atol:E1} + {rtol:E0}·|expected|)");
    }
}
