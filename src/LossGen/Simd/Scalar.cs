using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace LossGen.CompilerServices;

/// <summary>
/// Scalar math for loop-invariant (uniform) values in generated kernels, with the same special-value
/// behaviour as the lane types: NaN propagates, and Sigmoid/Softplus never overflow.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Scalar
{
    /// <summary>e^x, as <see cref="MathF.Exp(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x) => MathF.Exp(x);

    /// <summary>e^x, as <see cref="Math.Exp(double)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exp(double x) => Math.Exp(x);

    /// <summary>ln x, as <see cref="MathF.Log(float)"/> (−∞ at ±0, NaN for x &lt; 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Log(float x) => MathF.Log(x);

    /// <summary>ln x, as <see cref="Math.Log(double)"/> (−∞ at ±0, NaN for x &lt; 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log(double x) => Math.Log(x);

    /// <summary>√x, as <see cref="MathF.Sqrt(float)"/> (NaN for x &lt; 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sqrt(float x) => MathF.Sqrt(x);

    /// <summary>√x, as <see cref="Math.Sqrt(double)"/> (NaN for x &lt; 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sqrt(double x) => Math.Sqrt(x);

    /// <summary>|x|, as <see cref="MathF.Abs(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Abs(float x) => MathF.Abs(x);

    /// <summary>|x|, as <see cref="Math.Abs(double)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Abs(double x) => Math.Abs(x);

    /// <summary>-1, +1, or +0 at ±0; NaN for NaN (unlike <see cref="MathF.Sign(float)"/>, which throws).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sign(float x) => x > 0f ? 1f : x < 0f ? -1f : x == 0f ? 0f : x;

    /// <summary>-1, +1, or +0 at ±0; NaN for NaN (unlike <see cref="Math.Sign(double)"/>, which throws).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sign(double x) => x > 0.0 ? 1.0 : x < 0.0 ? -1.0 : x == 0.0 ? 0.0 : x;

    /// <summary>tanh x, as <see cref="MathF.Tanh(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float x) => MathF.Tanh(x);

    /// <summary>tanh x, as <see cref="Math.Tanh(double)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Tanh(double x) => Math.Tanh(x);

    /// <summary>1/(1 + e^−x) from e = exp(−|x|) ≤ 1 only, so nothing overflows (see the lane version).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float x)
    {
        float e = MathF.Exp(-MathF.Abs(x));
        float reciprocal = 1f / (1f + e);
        return x < 0f ? e * reciprocal : reciprocal;
    }

    /// <summary>1/(1 + e^−x) from e = exp(−|x|) ≤ 1 only, so nothing overflows (see the lane version).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sigmoid(double x)
    {
        double e = Math.Exp(-Math.Abs(x));
        double reciprocal = 1.0 / (1.0 + e);
        return x < 0.0 ? e * reciprocal : reciprocal;
    }

    /// <summary>log(1 + e^x) = max(x, 0) + log1p(e^−|x|); log1p by the u = 1 + e ratio (see the lane version).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Softplus(float x)
    {
        float e = MathF.Exp(-MathF.Abs(x));
        float u = 1f + e;
        float log1p = u == 1f ? e : MathF.Log(u) * e / (u - 1f);
        return MathF.Max(x, 0f) + log1p;
    }

    /// <summary>log(1 + e^x) = max(x, 0) + log1p(e^−|x|); log1p by the u = 1 + e ratio (see the lane version).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Softplus(double x)
    {
        double e = Math.Exp(-Math.Abs(x));
        double u = 1.0 + e;
        double log1p = u == 1.0 ? e : Math.Log(u) * e / (u - 1.0);
        return Math.Max(x, 0.0) + log1p;
    }

    /// <summary>IEEE maximum: NaN propagates, +0 beats −0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(float a, float b) => MathF.Max(a, b);

    /// <summary>IEEE maximum: NaN propagates, +0 beats −0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Max(double a, double b) => Math.Max(a, b);

    /// <summary>IEEE minimum: NaN propagates, −0 beats +0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min(float a, float b) => MathF.Min(a, b);

    /// <summary>IEEE minimum: NaN propagates, −0 beats +0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Min(double a, double b) => Math.Min(a, b);

    /// <summary>max(x, 0): NaN stays NaN (a ReLU that hid NaN would hide a diverged model), −0 gives +0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Relu(float x) => MathF.Max(x, 0f);

    /// <summary>max(x, 0): NaN stays NaN, −0 gives +0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Relu(double x) => Math.Max(x, 0.0);
}
