using System;
using System.Numerics;

namespace LossGen.Optimization;

/// <summary>
/// Euclidean norms that neither overflow for huge entries nor lose tiny ones, shared by the
/// optimizers and constraints in this namespace.
/// </summary>
/// <remarks>
/// Float entries are squared and summed in double: float's largest value squared is about 1.2e77,
/// so even 2³¹ of them stay far below double's 1.8e308 and a plain sum is exact enough. Double
/// entries can overflow when squared (1e200² = ∞), so the double path first finds the largest
/// magnitude and, only when it lies outside a safe band, rescales by a power of two — exact in
/// binary floating point — before squaring.
/// </remarks>
internal static class StableNorm
{
    // Squares of magnitudes inside [2^-400, 2^400] stay normal doubles, and a sum of up to 2^100
    // of them cannot overflow, so no rescaling is needed there.
    private const double SafeLow = 3.872591914849318e-121;   // 2^-400
    private const double SafeHigh = 2.5822498780869086e120;  // 2^400

    /// <summary>Σ x², accumulated in double. Never overflows for float input.</summary>
    public static double SumOfSquares(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (float v in x)
        {
            sum += (double)v * v;
        }

        return sum;
    }

    /// <summary>max |x| (NaN if any entry is NaN; 0 for an empty span).</summary>
    public static double MaxAbs(ReadOnlySpan<double> x)
    {
        double max = 0;
        foreach (double v in x)
        {
            double a = Math.Abs(v);
            if (double.IsNaN(a))
            {
                return double.NaN;
            }

            max = Math.Max(max, a);
        }

        return max;
    }

    /// <summary>
    /// The power of two that brings <paramref name="maxAbs"/> near 1, or 1 when no rescaling is
    /// needed. Callers multiply entries by it, sum the squares and divide the root by it.
    /// </summary>
    public static double ScaleFor(double maxAbs)
    {
        if (maxAbs >= SafeLow && maxAbs <= SafeHigh)
        {
            return 1.0;
        }

        return Math.ScaleB(1.0, -Math.ILogB(maxAbs));
    }

    /// <summary>Σ (scale·x)².</summary>
    public static double ScaledSumOfSquares(ReadOnlySpan<double> x, double scale)
    {
        double sum = 0;
        if (scale == 1.0)
        {
            foreach (double v in x)
            {
                sum += v * v;
            }
        }
        else
        {
            foreach (double v in x)
            {
                double t = v * scale;
                sum += t * t;
            }
        }

        return sum;
    }

    /// <summary>‖x‖₂ without overflow or underflow; NaN if any entry is NaN, ∞ if any is infinite.</summary>
    public static double Euclidean(ReadOnlySpan<double> x)
    {
        double max = MaxAbs(x);
        if (max == 0 || !double.IsFinite(max))
        {
            return max;
        }

        double scale = ScaleFor(max);
        return Math.Sqrt(ScaledSumOfSquares(x, scale)) / scale;
    }

    /// <summary>
    /// ‖x‖₂ of any IEEE element type, computed in double, in one pass when the largest magnitude
    /// lies in the safe band (the usual case) and with the rescaled second pass otherwise. For
    /// double it returns exactly what <see cref="Euclidean(ReadOnlySpan{double})"/> returns: the
    /// same sum in the same order, or the same fallback. NaN if any entry is NaN, ∞ if any is
    /// infinite (and none is NaN).
    /// </summary>
    public static double EuclideanOnePass<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double max = 0, sum = 0;
        foreach (T t in x)
        {
            double v = double.CreateTruncating(t);
            max = Math.Max(max, Math.Abs(v)); // Math.Max propagates NaN
            sum += v * v;
        }

        if (max == 0 || !double.IsFinite(max))
        {
            return max;
        }

        if (max >= SafeLow && max <= SafeHigh)
        {
            return Math.Sqrt(sum);
        }

        double scale = ScaleFor(max);
        sum = 0;
        foreach (T t in x)
        {
            double v = double.CreateTruncating(t) * scale;
            sum += v * v;
        }

        return Math.Sqrt(sum) / scale;
    }

    /// <summary>‖x‖₂ of a float span, computed in double.</summary>
    public static double Euclidean(ReadOnlySpan<float> x) => Math.Sqrt(SumOfSquares(x));

    /// <summary>‖x‖₂ of the strided vector x[offset], x[offset + stride], … (count entries).</summary>
    public static double EuclideanStrided(ReadOnlySpan<double> x, int offset, int stride, int count)
    {
        double max = 0;
        for (int k = 0, i = offset; k < count; k++, i += stride)
        {
            double a = Math.Abs(x[i]);
            if (double.IsNaN(a))
            {
                return double.NaN;
            }

            max = Math.Max(max, a);
        }

        if (max == 0 || double.IsInfinity(max))
        {
            return max;
        }

        double scale = ScaleFor(max);
        double sum = 0;
        for (int k = 0, i = offset; k < count; k++, i += stride)
        {
            double t = x[i] * scale;
            sum += t * t;
        }

        return Math.Sqrt(sum) / scale;
    }

    /// <summary>‖x‖₂ of a strided float vector, computed in double.</summary>
    public static double EuclideanStrided(ReadOnlySpan<float> x, int offset, int stride, int count)
    {
        double sum = 0;
        for (int k = 0, i = offset; k < count; k++, i += stride)
        {
            double v = x[i];
            sum += v * v;
        }

        return Math.Sqrt(sum);
    }
}
