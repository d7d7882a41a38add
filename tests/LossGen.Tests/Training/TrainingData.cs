using System;
using LossGen.Tests.Optimization;
using LossGen.Training;

namespace LossGen.Tests.Training;

/// <summary>Data sets for the trainer tests: the UCI digits (float and double) and a small separable problem.</summary>
internal static class TrainingData
{
    private static readonly Lazy<DigitsData> Digits = new(DigitsData.Load);

    public static LinearDataset<double> DigitsDouble() =>
        new((double[])Digits.Value.X.Clone(), (int[])Digits.Value.Y.Clone(), DigitsData.Features, DigitsData.Classes);

    public static LinearDataset<float> DigitsFloat()
    {
        double[] x = Digits.Value.X;
        var features = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            features[i] = (float)x[i];
        }

        return new LinearDataset<float>(features, (int[])Digits.Value.Y.Clone(), DigitsData.Features, DigitsData.Classes);
    }

    /// <summary>
    /// Three well-separated clusters in 2-D: each coordinate of a class-k point lies within 0.5 of
    /// centre k's, and the centres are far apart, so a linear classifier can reach 100%.
    /// </summary>
    public static LinearDataset<T> Separable<T>(int perClass, ulong seed)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ReadOnlySpan<double> centres = [0, 4, 4, -2, -4, -2];
        const int classes = 3;
        var rng = new TrainingRandom(seed);
        var features = new T[perClass * classes * 2];
        var labels = new int[perClass * classes];
        for (int i = 0; i < labels.Length; i++)
        {
            int k = i % classes;
            labels[i] = k;
            for (int a = 0; a < 2; a++)
            {
                double jitter = (rng.NextUInt64() >> 11) * (1.0 / (1UL << 53)) - 0.5;
                features[i * 2 + a] = T.CreateTruncating(centres[k * 2 + a] + jitter);
            }
        }

        return new LinearDataset<T>(features, labels, 2, classes);
    }
}
