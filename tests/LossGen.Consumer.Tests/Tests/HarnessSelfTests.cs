using System;
using System.Linq;
using LossGen.Consumer.Tests.Support;
using Xunit;
using Xunit.Sdk;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>
/// The checks of <see cref="LossCase"/> must be able to fail: each one is fed a hand-written
/// f(x) = Σ x² with one planted defect, at the smallest size the tolerances are meant to resolve.
/// </summary>
public class HarnessSelfTests
{
    private static LossCase Quadratic(double[] x, double gradientError = 0, int skipWrite = -1, double referenceError = 0,
        double floatValueError = 0, double returnedValueError = 0) => new()
    {
        Params = new[] { x },
        Value = () => x.Sum(v => v * v),
        ValueAndGradient = g =>
        {
            for (var k = 0; k < x.Length; k++)
                if (k != skipWrite) g[0][k] = 2 * x[k] + (k == 0 ? gradientError : 0);
            return x.Sum(v => v * v) + returnedValueError;
        },
        ValueFloat = () => (float)(x.Sum(v => v * v) * (1 + floatValueError)),
        ValueAndGradientFloat = g =>
        {
            for (var k = 0; k < x.Length; k++) g[0][k] = (float)(2 * x[k]);
            return (float)(x.Sum(v => v * v) * (1 + floatValueError));
        },
        Reference = () => x.Sum(v => v * v) * (1 + referenceError),
    };

    private static double[] X() => new[] { 0.5, -1.25, 2.0 };

    [Fact]
    public void A_correct_case_passes() => Quadratic(X()).CheckAll();

    [Fact]
    public void A_gradient_off_by_one_part_in_100000_is_caught() =>
        Assert.ThrowsAny<XunitException>(() => Quadratic(X(), gradientError: 1e-5).CheckAll());

    [Fact]
    public void An_unwritten_gradient_element_is_caught() =>
        Assert.ThrowsAny<XunitException>(() => Quadratic(X(), skipWrite: 2).CheckAll());

    [Fact]
    public void A_value_off_from_the_reference_by_1e_10_is_caught() =>
        Assert.ThrowsAny<XunitException>(() => Quadratic(X(), referenceError: 1e-10).CheckAll());

    [Fact]
    public void A_float_value_off_by_1e_3_is_caught() =>
        Assert.ThrowsAny<XunitException>(() => Quadratic(X(), floatValueError: 1e-3).CheckAll());

    [Fact]
    public void A_returned_value_different_from_Value_is_caught() =>
        Assert.ThrowsAny<XunitException>(() => Quadratic(X(), returnedValueError: 1e-15).CheckAll());

    [Fact]
    public void Finite_differences_recover_a_known_gradient()
    {
        var x = X();
        var g = FiniteDifference.Gradient(() => Math.Exp(x[0]) * x[1] + Math.Sin(x[2]), x);
        Assert.Equal(Math.Exp(0.5) * -1.25, g[0], 8);
        Assert.Equal(Math.Exp(0.5), g[1], 8);
        Assert.Equal(Math.Cos(2.0), g[2], 8);
        Assert.Equal(X(), x);
    }
}
