using System;

namespace LossGen.Optimization;

/// <summary>
/// The max-norm constraint as a projection: after an update, every row or column w of a weight
/// matrix with ‖w‖₂ &gt; c is replaced by w · c / ‖w‖₂, the nearest point of the L2 ball of
/// radius c; vectors already inside are untouched.
/// </summary>
/// <remarks>
/// <para>
/// This is the exact Euclidean projection (no epsilon in the denominator, unlike Keras's MaxNorm
/// or <c>torch.renorm</c>), so a projected vector has norm c up to rounding in its last bits.
/// Norms are computed in double and without overflow, so float entries up to float.MaxValue and
/// double entries near 1e300 are handled.
/// </para>
/// <para>
/// See <see cref="MaxNormAxis"/> for which axis holds a unit's incoming weights: for W of shape
/// [D, C] with scores X·W it is <see cref="MaxNormAxis.Columns"/>.
/// </para>
/// </remarks>
public static class MaxNorm
{
    /// <summary>Projects each row or column of the row-major <paramref name="rows"/> × <paramref name="cols"/> matrix <paramref name="weights"/>.</summary>
    /// <returns>How many rows or columns were scaled down.</returns>
    /// <exception cref="ArgumentException">
    /// The dimensions are not positive or do not match the span's length, <paramref name="maxNorm"/>
    /// is not positive and finite, <paramref name="axis"/> is undefined, or the matrix holds NaN or
    /// infinite entries (checked before anything is modified).
    /// </exception>
    public static int Project(Span<double> weights, int rows, int cols, double maxNorm, MaxNormAxis axis)
    {
        Validate(weights.Length, rows, cols, maxNorm, axis);
        if (!DenseOps.AllFinite(weights))
        {
            throw new ArgumentException($"The {rows} × {cols} weight matrix contains NaN or infinite entries.", nameof(weights));
        }

        int projected = 0;
        if (axis == MaxNormAxis.Rows)
        {
            for (int i = 0; i < rows; i++)
            {
                Span<double> row = weights.Slice(i * cols, cols);
                double norm = StableNorm.Euclidean(row);
                if (norm > maxNorm)
                {
                    double c = maxNorm / norm;
                    for (int j = 0; j < cols; j++)
                    {
                        row[j] *= c;
                    }

                    projected++;
                }
            }
        }
        else
        {
            // Strided column access keeps the routine allocation-free; the matrices this is used
            // on (one layer's weights, once per step) are small enough that cache order is moot.
            for (int j = 0; j < cols; j++)
            {
                double norm = StableNorm.EuclideanStrided(weights, j, cols, rows);
                if (norm > maxNorm)
                {
                    double c = maxNorm / norm;
                    for (int i = j; i < weights.Length; i += cols)
                    {
                        weights[i] *= c;
                    }

                    projected++;
                }
            }
        }

        return projected;
    }

    /// <inheritdoc cref="Project(Span{double}, int, int, double, MaxNormAxis)"/>
    public static int Project(Span<float> weights, int rows, int cols, double maxNorm, MaxNormAxis axis)
    {
        Validate(weights.Length, rows, cols, maxNorm, axis);
        foreach (float v in weights)
        {
            if (!float.IsFinite(v))
            {
                throw new ArgumentException($"The {rows} × {cols} weight matrix contains NaN or infinite entries.", nameof(weights));
            }
        }

        int projected = 0;
        if (axis == MaxNormAxis.Rows)
        {
            for (int i = 0; i < rows; i++)
            {
                Span<float> row = weights.Slice(i * cols, cols);
                double norm = StableNorm.Euclidean(row);
                if (norm > maxNorm)
                {
                    double c = maxNorm / norm;
                    for (int j = 0; j < cols; j++)
                    {
                        row[j] = (float)(row[j] * c);
                    }

                    projected++;
                }
            }
        }
        else
        {
            for (int j = 0; j < cols; j++)
            {
                double norm = StableNorm.EuclideanStrided(weights, j, cols, rows);
                if (norm > maxNorm)
                {
                    double c = maxNorm / norm;
                    for (int i = j; i < weights.Length; i += cols)
                    {
                        weights[i] = (float)(weights[i] * c);
                    }

                    projected++;
                }
            }
        }

        return projected;
    }

    private static void Validate(int length, int rows, int cols, double maxNorm, MaxNormAxis axis)
    {
        if (rows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, $"The matrix must have at least one row; got {rows} × {cols}.");
        }

        if (cols < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(cols), cols, $"The matrix must have at least one column; got {rows} × {cols}.");
        }

        if ((long)rows * cols != length)
        {
            throw new ArgumentException(
                $"The weight span has {length} elements but rows × cols = {rows} × {cols} = {(long)rows * cols}.", "weights");
        }

        if (!(maxNorm > 0) || !double.IsFinite(maxNorm))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "The maximum norm must be positive and finite.");
        }

        if (axis is not (MaxNormAxis.Rows or MaxNormAxis.Columns))
        {
            throw new ArgumentOutOfRangeException(nameof(axis), axis, "The axis must be Rows or Columns.");
        }
    }
}
