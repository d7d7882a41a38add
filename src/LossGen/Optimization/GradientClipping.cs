using System;

namespace LossGen.Optimization;

/// <summary>
/// Rescales gradients so their combined L2 norm does not exceed a limit, with the semantics of
/// PyTorch's <c>torch.nn.utils.clip_grad_norm_</c> (norm_type = 2).
/// </summary>
/// <remarks>
/// <para>
/// The global norm is ‖g‖ = √(Σ over every buffer and element of g²). When
/// c = maxNorm / (‖g‖ + 1e-6) is below 1, every element is multiplied by c; otherwise nothing
/// changes. The 1e-6 keeps the division finite for a zero gradient and means a clipped gradient's
/// norm ends slightly below maxNorm, exactly as in PyTorch. The pre-clip norm is returned.
/// </para>
/// <para>
/// The norm is always accumulated in double: float gradients as (double)g² (cannot overflow),
/// double gradients rescaled by a power of two when their largest magnitude is extreme, so 1e30
/// or even 1e200 entries give a finite, correct norm where a naive sum of squares gives ∞.
/// </para>
/// <para>
/// A NaN or infinite gradient makes the norm NaN or ∞; it is returned and the gradients are left
/// untouched (PyTorch would multiply them by NaN or 0). Check the result with
/// <see cref="double.IsFinite"/> to skip such a step.
/// </para>
/// <para>
/// Several buffers (say W's and b's gradients) are passed as <see cref="Memory{T}"/>, because a
/// <see cref="Span{T}"/> cannot be an array or span element; arrays and slices of arrays convert
/// implicitly. A single contiguous buffer can be passed as a span.
/// </para>
/// </remarks>
public static class GradientClipping
{
    /// <summary>Added to the norm before dividing, as PyTorch does.</summary>
    public const double Epsilon = 1e-6;

    /// <summary>Clips one float buffer; returns its pre-clip norm.</summary>
    public static double ClipByGlobalNorm(double maxNorm, Span<float> gradient)
    {
        ValidateMaxNorm(maxNorm);
        double norm = StableNorm.Euclidean(gradient);
        if (Coefficient(maxNorm, norm) is double c)
        {
            Scale(gradient, c);
        }

        return norm;
    }

    /// <summary>Clips one double buffer; returns its pre-clip norm.</summary>
    public static double ClipByGlobalNorm(double maxNorm, Span<double> gradient)
    {
        ValidateMaxNorm(maxNorm);
        double norm = StableNorm.Euclidean(gradient);
        if (Coefficient(maxNorm, norm) is double c)
        {
            Scale(gradient, c);
        }

        return norm;
    }

    /// <summary>Clips several float buffers by their combined norm; returns the pre-clip global norm.</summary>
    public static double ClipByGlobalNorm(double maxNorm, params ReadOnlySpan<Memory<float>> gradients)
    {
        ValidateMaxNorm(maxNorm);
        double sum = 0;
        foreach (Memory<float> g in gradients)
        {
            sum += StableNorm.SumOfSquares(g.Span);
        }

        double norm = Math.Sqrt(sum);
        if (Coefficient(maxNorm, norm) is double c)
        {
            foreach (Memory<float> g in gradients)
            {
                Scale(g.Span, c);
            }
        }

        return norm;
    }

    /// <summary>Clips several double buffers by their combined norm; returns the pre-clip global norm.</summary>
    public static double ClipByGlobalNorm(double maxNorm, params ReadOnlySpan<Memory<double>> gradients)
    {
        ValidateMaxNorm(maxNorm);

        // Two passes so the norm cannot overflow: the largest magnitude across all buffers picks
        // one power-of-two scale, then the scaled squares are summed.
        double max = 0;
        foreach (Memory<double> g in gradients)
        {
            max = Math.Max(max, StableNorm.MaxAbs(g.Span));
            if (double.IsNaN(max))
            {
                break;
            }
        }

        double norm;
        if (max == 0 || !double.IsFinite(max))
        {
            norm = max;
        }
        else
        {
            double scale = StableNorm.ScaleFor(max);
            double sum = 0;
            foreach (Memory<double> g in gradients)
            {
                sum += StableNorm.ScaledSumOfSquares(g.Span, scale);
            }

            norm = Math.Sqrt(sum) / scale;
        }

        if (Coefficient(maxNorm, norm) is double c)
        {
            foreach (Memory<double> g in gradients)
            {
                Scale(g.Span, c);
            }
        }

        return norm;
    }

    /// <summary>
    /// Clips one float buffer whose pre-clip norm the caller has already computed (with
    /// <see cref="StableNorm.Euclidean(ReadOnlySpan{float})"/>): the same result as
    /// <see cref="ClipByGlobalNorm(double, Span{float})"/> without measuring twice.
    /// </summary>
    internal static void ClipWithNorm(double maxNorm, double norm, Span<float> gradient)
    {
        ValidateMaxNorm(maxNorm);
        if (Coefficient(maxNorm, norm) is double c)
        {
            Scale(gradient, c);
        }
    }

    /// <summary>As <see cref="ClipWithNorm(double, double, Span{float})"/> for double; the norm from <see cref="StableNorm.Euclidean(ReadOnlySpan{double})"/> or its one-pass twin.</summary>
    internal static void ClipWithNorm(double maxNorm, double norm, Span<double> gradient)
    {
        ValidateMaxNorm(maxNorm);
        if (Coefficient(maxNorm, norm) is double c)
        {
            Scale(gradient, c);
        }
    }

    /// <summary>The factor to apply, or null when the gradients stay as they are.</summary>
    private static double? Coefficient(double maxNorm, double norm)
    {
        if (!double.IsFinite(norm))
        {
            return null;
        }

        double c = maxNorm / (norm + Epsilon);
        return c < 1 ? c : null;
    }

    private static void Scale(Span<float> values, double c)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(values[i] * c);
        }
    }

    private static void Scale(Span<double> values, double c)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] *= c;
        }
    }

    private static void ValidateMaxNorm(double maxNorm)
    {
        // +∞ is allowed (measure the norm, never clip), as in PyTorch.
        if (!(maxNorm >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "The maximum norm must not be negative or NaN.");
        }
    }
}
