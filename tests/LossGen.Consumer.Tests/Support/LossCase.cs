using System;
using System.Linq;
using Xunit;

namespace LossGen.Consumer.Tests.Support;

/// <summary>
/// One generated loss evaluated at one point, seen through closures so every declaration is
/// checked by the same code. The closures read <see cref="Params"/> (the differentiable tensors,
/// in the order of the generated gradient spans) in place, so finite differences can perturb them.
/// Constant inputs, labels and dimensions are captured by the closures.
/// </summary>
internal sealed class LossCase
{
    public required double[][] Params { get; init; }

    /// <summary>The generated double Value.</summary>
    public required Func<double> Value { get; init; }

    /// <summary>The generated double ValueAndGradient, writing into the given buffers.</summary>
    public required Func<double[][], double> ValueAndGradient { get; init; }

    /// <summary>The generated float Value on the float-rounded inputs.</summary>
    public required Func<float> ValueFloat { get; init; }

    /// <summary>The generated float ValueAndGradient on the float-rounded inputs.</summary>
    public required Func<float[][], float> ValueAndGradientFloat { get; init; }

    /// <summary>The independent plain C# double implementation written in the test.</summary>
    public required Func<double> Reference { get; init; }

    /// <summary>
    /// Relative tolerance of generated double value against the reference. 1e-12: both are double,
    /// they differ only in summation order (≤ a few hundred terms, ~n·2⁻⁵³ ≈ 1e-14) and in the
    /// runtime's vector exp/log (documented to within an ulp or two), so 1e-12 leaves two orders of
    /// headroom while still catching any wrong term, which changes the value at ≥ 1e-8.
    /// </summary>
    public double ReferenceTolerance { get; init; } = 1e-12;

    /// <summary>
    /// The magnitude of the terms that make up the value, for tolerances that must not shrink when
    /// the value itself is small through cancellation. Defaults to max(1, |value|).
    /// </summary>
    public double? Scale { get; init; }

    public static float[] ToFloat(double[] x) => x.Select(v => (float)v).ToArray();

    /// <summary>Runs checks (a)–(d) of the consumer brief.</summary>
    public void CheckAll()
    {
        CheckValueAgainstReference();
        var gradient = CheckValueAndGradientMatchesValue();
        CheckGradientAgainstFiniteDifferences(gradient);
        CheckFloatAgreesWithDouble(gradient);
    }

    public void CheckValueAgainstReference()
    {
        var reference = Reference();
        var value = Value();
        Assert.True(double.IsFinite(reference), $"reference is {reference}");
        var tolerance = ReferenceTolerance * Math.Max(1.0, Math.Max(Math.Abs(reference), Scale ?? 0));
        Assert.True(Math.Abs(value - reference) <= tolerance,
            $"generated value {value:R} differs from the reference {reference:R} by {Math.Abs(value - reference):E3} > {tolerance:E3}");
    }

    /// <summary>
    /// (d) and the overwrite contract: every gradient buffer is first filled with NaN, so an element
    /// the generated code forgets to write (or accumulates into instead of overwriting) shows up.
    /// The returned value must be the very value Value returns, bit for bit: both are the same
    /// double-accumulated formula, and a caller must not see the loss change with the call.
    /// </summary>
    public double[][] CheckValueAndGradientMatchesValue()
    {
        var grads = Params.Select(p => Enumerable.Repeat(double.NaN, p.Length).ToArray()).ToArray();
        var v = ValueAndGradient(grads);
        Assert.Equal(Value(), v);
        for (var t = 0; t < grads.Length; t++)
            for (var k = 0; k < grads[t].Length; k++)
                Assert.False(double.IsNaN(grads[t][k]), $"gradient {t} element {k} was not written (still the NaN sentinel)");

        var floatGrads = Params.Select(p => Enumerable.Repeat(float.NaN, p.Length).ToArray()).ToArray();
        var vf = ValueAndGradientFloat(floatGrads);
        Assert.Equal(ValueFloat(), vf);
        for (var t = 0; t < floatGrads.Length; t++)
            for (var k = 0; k < floatGrads[t].Length; k++)
                Assert.False(float.IsNaN(floatGrads[t][k]), $"float gradient {t} element {k} was not written (still the NaN sentinel)");
        return grads;
    }

    /// <summary>
    /// (b) The analytic double gradient against centered differences: |g − g_fd| ≤ 1e-6·max(|g|, |g_fd|)
    /// + floor. The floor covers the rounding noise of the difference quotient, δf/h: f is a sum of
    /// terms of magnitude S computed with relative error ≲ 10·2⁻⁵³ ≈ 1e-15, and h ≥ 1e-6, so the
    /// noise is ≲ 1e-9·S; the floor 1e-8·S is ten times that and still a hundred times smaller than
    /// the smallest gradient entry a wrong term would produce in these tests (≥ 1e-6·S).
    /// The truncation error h²·f‴/6 ≈ 1e-12 is far below both.
    /// </summary>
    public void CheckGradientAgainstFiniteDifferences(double[][] analytic)
    {
        var scale = Scale ?? Math.Max(1.0, Math.Abs(Value()));
        var floor = 1e-8 * scale;
        for (var t = 0; t < Params.Length; t++)
        {
            var numeric = FiniteDifference.Gradient(Value, Params[t]);
            for (var k = 0; k < numeric.Length; k++)
            {
                var a = analytic[t][k];
                var n = numeric[k];
                var tolerance = 1e-6 * Math.Max(Math.Abs(a), Math.Abs(n)) + floor;
                Assert.True(Math.Abs(a - n) <= tolerance,
                    $"gradient {t}[{k}]: analytic {a:R}, centered difference {n:R}, |diff| {Math.Abs(a - n):E3} > {tolerance:E3}");
            }
        }
    }

    /// <summary>
    /// (c) float against double, both generated. The float path sees inputs rounded to float
    /// (relative 6e-8) and computes lanes in float, so each term carries ~1e-7 relative error and
    /// sums of up to a few hundred of them ~1e-5: 1e-4 relative is the brief's bound. A gradient
    /// element is compared relative to max(|g|, 1e-2·max|g|) because small elements (the label
    /// column, a sum of opposite-signed terms) inherit the absolute error of the large ones.
    /// </summary>
    public void CheckFloatAgreesWithDouble(double[][] doubleGradient)
    {
        var vd = Value();
        var vf = ValueFloat();
        var scale = Math.Max(Math.Abs(vd), 1e-2 * (Scale ?? 1.0));
        Assert.True(Math.Abs(vf - vd) <= 1e-4 * scale, $"float value {vf:R} vs double {vd:R}");

        var floatGrads = Params.Select(p => new float[p.Length]).ToArray();
        ValueAndGradientFloat(floatGrads);
        for (var t = 0; t < Params.Length; t++)
        {
            var max = doubleGradient[t].Length == 0 ? 0 : doubleGradient[t].Max(Math.Abs);
            for (var k = 0; k < Params[t].Length; k++)
            {
                var d = doubleGradient[t][k];
                var f = floatGrads[t][k];
                var tolerance = 1e-4 * Math.Max(Math.Abs(d), 1e-2 * max) + 1e-12;
                Assert.True(Math.Abs(f - d) <= tolerance, $"float gradient {t}[{k}] = {f:R} vs double {d:R}");
            }
        }
    }
}
