using System;
using System.Numerics;

namespace LossGen.Tests.Checking;

/// <summary>Reproducible inputs for the checker's tests.</summary>
internal static class TestData
{
    public static T[] Uniform<T>(int length, int seed, double low = -2, double high = 2)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var values = new T[length];
        for (int i = 0; i < length; i++)
            values[i] = T.CreateTruncating(low + (high - low) * random.NextDouble());
        return values;
    }

    public static int[] Labels(int rows, int classes, int seed)
    {
        var random = new Random(seed);
        var labels = new int[rows];
        for (int i = 0; i < rows; i++)
            labels[i] = random.Next(classes);
        return labels;
    }

    /// <summary>A symmetric positive definite matrix MᵀM + I, row-major.</summary>
    public static T[] SymmetricPositiveDefinite<T>(int n, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = Uniform<double>(n * n, seed, -1, 1);
        var a = new T[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = i == j ? 1 : 0;
                for (int k = 0; k < n; k++)
                    sum += m[k * n + i] * m[k * n + j];
                a[i * n + j] = T.CreateTruncating(sum);
            }
        }

        return a;
    }
}
