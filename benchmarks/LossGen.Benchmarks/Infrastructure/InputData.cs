using System;

namespace LossGen.Benchmarks.Infrastructure;

/// <summary>
/// Seeded inputs, so every peer and every run sees the same numbers and results are comparable
/// across machines and commits.
/// </summary>
public static class InputData
{
    /// <summary>Approximately standard-normal floats (Box–Muller), scaled by <paramref name="scale"/>.</summary>
    public static float[] Normal(int count, int seed, double scale = 1.0)
    {
        var rng = new Random(seed);
        var result = new float[count];
        for (int i = 0; i < count; i += 2)
        {
            // 1 − NextDouble() lies in (0, 1], so the log never sees zero.
            double r = Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble()));
            double theta = 2.0 * Math.PI * rng.NextDouble();
            result[i] = (float)(scale * r * Math.Cos(theta));
            if (i + 1 < count)
            {
                result[i + 1] = (float)(scale * r * Math.Sin(theta));
            }
        }

        return result;
    }

    /// <summary>Labels drawn uniformly from [0, classes).</summary>
    public static int[] Labels(int count, int classes, int seed)
    {
        var rng = new Random(seed);
        var result = new int[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = rng.Next(classes);
        }

        return result;
    }
}
