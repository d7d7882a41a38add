using System;
using LossGen.CompilerServices;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Simd;

/// <summary><see cref="Scalar"/>: the uniform-value math, float and double, including its stability promises.</summary>
public sealed class ScalarTests
{
    private static readonly double[] Points =
        [0, -0.0, 1e-30, -1e-30, 1e-8, 0.3, -0.3, 1, -1, 5, -5, 17.5, -17.5, 30, -30, 88, -88, 700, -700, 1000, -1000];

    [Fact]
    public void Sigmoid_is_stable_and_accurate()
    {
        Scalar.Sigmoid(-1000f).ShouldBe(0f);
        Scalar.Sigmoid(1000f).ShouldBe(1f);
        Scalar.Sigmoid(-1000.0).ShouldBe(0.0);
        Scalar.Sigmoid(1000.0).ShouldBe(1.0);
        Scalar.Sigmoid(double.NegativeInfinity).ShouldBe(0.0);
        double.IsNaN(Scalar.Sigmoid(double.NaN)).ShouldBeTrue();
        foreach (double x in Points)
        {
            Ulp.FloatError(Scalar.Sigmoid((float)x), ReferenceMath.Sigmoid((float)x)).ShouldBeLessThanOrEqualTo(FloatTolerance.Sigmoid, $"x={x}");
            Ulp.DoubleError(Scalar.Sigmoid(x), ReferenceMath.Sigmoid(x)).ShouldBeLessThanOrEqualTo(DoubleTolerance.Sigmoid, $"x={x}");
        }
    }

    [Fact]
    public void Softplus_is_stable_and_keeps_tiny_results()
    {
        Scalar.Softplus(1000f).ShouldBe(1000f);
        Scalar.Softplus(-1000f).ShouldBe(0f);
        Scalar.Softplus(double.PositiveInfinity).ShouldBe(double.PositiveInfinity);
        double.IsNaN(Scalar.Softplus(double.NaN)).ShouldBeTrue();
        foreach (double x in Points)
        {
            Ulp.FloatError(Scalar.Softplus((float)x), ReferenceMath.Softplus((float)x)).ShouldBeLessThanOrEqualTo(FloatTolerance.Softplus, $"x={x}");
            Ulp.DoubleError(Scalar.Softplus(x), ReferenceMath.Softplus(x)).ShouldBeLessThanOrEqualTo(DoubleTolerance.Softplus, $"x={x}");
        }
    }

    [Fact]
    public void Sign_Relu_Max_Min_special_values()
    {
        Scalar.Sign(-3f).ShouldBe(-1f);
        Scalar.Sign(2.0).ShouldBe(1.0);
        BitConverter.DoubleToInt64Bits(Scalar.Sign(-0.0)).ShouldBe(0L, "sign(-0) is +0");
        float.IsNaN(Scalar.Sign(float.NaN)).ShouldBeTrue("Math.Sign would throw; NaN must stay NaN");
        double.IsNaN(Scalar.Sign(double.NaN)).ShouldBeTrue();

        Scalar.Relu(-2f).ShouldBe(0f);
        Scalar.Relu(2.5).ShouldBe(2.5);
        BitConverter.SingleToInt32Bits(Scalar.Relu(-0f)).ShouldBe(0, "relu(-0) is +0");
        float.IsNaN(Scalar.Relu(float.NaN)).ShouldBeTrue("a NaN must not be hidden by relu");

        float.IsNaN(Scalar.Max(float.NaN, 1f)).ShouldBeTrue();
        double.IsNaN(Scalar.Min(1.0, double.NaN)).ShouldBeTrue();
        BitConverter.DoubleToInt64Bits(Scalar.Max(-0.0, 0.0)).ShouldBe(0L);
        BitConverter.DoubleToInt64Bits(Scalar.Min(0.0, -0.0)).ShouldBe(BitConverter.DoubleToInt64Bits(-0.0));
    }

    [Fact]
    public void Plain_functions_are_the_System_Math_ones()
    {
        foreach (double x in Points)
        {
            float f = (float)x;
            Scalar.Exp(f).ShouldBe(MathF.Exp(f));
            Scalar.Exp(x).ShouldBe(Math.Exp(x));
            Scalar.Tanh(f).ShouldBe(MathF.Tanh(f));
            Scalar.Tanh(x).ShouldBe(Math.Tanh(x));
            Scalar.Abs(f).ShouldBe(MathF.Abs(f));
            Scalar.Abs(x).ShouldBe(Math.Abs(x));
            if (x > 0)
            {
                Scalar.Log(f).ShouldBe(MathF.Log(f));
                Scalar.Log(x).ShouldBe(Math.Log(x));
                Scalar.Sqrt(f).ShouldBe(MathF.Sqrt(f));
                Scalar.Sqrt(x).ShouldBe(Math.Sqrt(x));
            }
        }
    }
}
