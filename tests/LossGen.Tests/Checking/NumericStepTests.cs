using System;
using LossGen.Checking;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Checking;

/// <summary>The step rule: a power of two near ∛(12ε), scaled by the binade of max(1, |x|).</summary>
public class NumericStepTests
{
    [Fact]
    public void The_relative_step_is_the_power_of_two_below_the_cube_root_of_twelve_epsilon()
    {
        NumericStep.RelativeExponent<double>().ShouldBe(-17);
        NumericStep.RelativeExponent<float>().ShouldBe(-7);
        Math.ScaleB(1, NumericStep.RelativeExponent<double>()).ShouldBeLessThanOrEqualTo(Math.Cbrt(12 * Math.ScaleB(1, -52)));
        Math.ScaleB(1, NumericStep.RelativeExponent<double>() + 1).ShouldBeGreaterThan(Math.Cbrt(12 * Math.ScaleB(1, -52)));
    }

    [Theory]
    [InlineData(0.0, -7)]
    [InlineData(0.3, -7)]
    [InlineData(-1.0, -7)]
    [InlineData(1.99, -7)]
    [InlineData(2.0, -6)]
    [InlineData(-300.0, 1)]
    public void The_float_step_scales_with_the_binade_of_x(double x, int exponent)
    {
        NumericStep.For<float>(x).ShouldBe(Math.ScaleB(1, exponent));
    }

    [Theory]
    [InlineData(0.1f)]
    [InlineData(1.3f)]
    [InlineData(-7.77f)]
    [InlineData(1234.5f)]
    public void Float_probes_inside_a_binade_are_exact(float x)
    {
        // A power-of-two step no smaller than the float spacing at x moves x by exactly h.
        double h = NumericStep.For<float>(x);
        ((double)(float)(x + h) - x).ShouldBe(h);
        (x - (double)(float)(x - h)).ShouldBe(h);
    }

    [Fact]
    public void Defaults_are_tighter_in_double_than_in_float()
    {
        NumericStep.DefaultRelativeTolerance<double>().ShouldBe(1e-6);
        NumericStep.DefaultAbsoluteTolerance<double>().ShouldBe(1e-8);
        NumericStep.DefaultRelativeTolerance<float>().ShouldBe(1e-3);
        NumericStep.DefaultAbsoluteTolerance<float>().ShouldBe(1e-5);
    }

    [Fact]
    public void Half_is_refused_rather_than_checked_with_underived_numbers()
    {
        Should.Throw<NotSupportedException>(() => GradCheck.Check(new L1<Half>(Half.Zero), new[] { Half.One }));
    }
}
