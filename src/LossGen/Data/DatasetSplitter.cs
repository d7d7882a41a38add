using System;
using System.Collections.Generic;
using System.Numerics;
using LossGen.Training;

namespace LossGen.Data;

/// <summary>Seeded train/validation/test splits, optionally stratified by class.</summary>
public static class DatasetSplitter
{
    /// <summary>
    /// Splits <paramref name="data"/> into train, validation and test parts of the given fractions
    /// (each in (0, 1), summing to 1 within 1e-9). Unstratified, the rows are shuffled with
    /// <see cref="TrainingRandom"/> from <paramref name="seed"/> and cut at round(N × fraction).
    /// Stratified, each class is shuffled and cut the same way on its own, so every part keeps the
    /// class proportions to within one row per class; the parts are then shuffled. Each part must
    /// end up with at least one row.
    /// </summary>
    /// <typeparam name="T">The element type of the features.</typeparam>
    /// <param name="data">The rows to split (not modified; the parts are copies).</param>
    /// <param name="trainFraction">Fraction of rows for training.</param>
    /// <param name="validationFraction">Fraction of rows for validation.</param>
    /// <param name="testFraction">Fraction of rows for the test.</param>
    /// <param name="seed">Fixes the split.</param>
    /// <param name="stratified">Whether to preserve class proportions in every part.</param>
    /// <returns>The three parts.</returns>
    /// <exception cref="ArgumentException">A fraction outside (0, 1), fractions not summing to 1, or a part left empty.</exception>
    public static DatasetSplit<T> Split<T>(
        LinearDataset<T> data, double trainFraction, double validationFraction, double testFraction, ulong seed, bool stratified = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckFraction(trainFraction, nameof(trainFraction));
        CheckFraction(validationFraction, nameof(validationFraction));
        CheckFraction(testFraction, nameof(testFraction));
        double sum = trainFraction + validationFraction + testFraction;
        if (Math.Abs(sum - 1) > 1e-9)
        {
            throw new ArgumentException($"The fractions {trainFraction} + {validationFraction} + {testFraction} sum to {sum}, not 1.", nameof(testFraction));
        }

        var rng = new TrainingRandom(seed);
        var train = new List<int>();
        var validation = new List<int>();
        var test = new List<int>();
        if (stratified)
        {
            var byClass = new List<int>[data.ClassCount];
            for (int c = 0; c < byClass.Length; c++)
            {
                byClass[c] = new List<int>();
            }

            for (int i = 0; i < data.Count; i++)
            {
                byClass[data.Labels[i]].Add(i);
            }

            foreach (List<int> rows in byClass)
            {
                Cut(rows.ToArray(), validationFraction, testFraction, ref rng, train, validation, test);
            }
        }
        else
        {
            int[] all = new int[data.Count];
            for (int i = 0; i < all.Length; i++)
            {
                all[i] = i;
            }

            Cut(all, validationFraction, testFraction, ref rng, train, validation, test);
        }

        return new DatasetSplit<T>(Part(data, train, "train", ref rng), Part(data, validation, "validation", ref rng), Part(data, test, "test", ref rng));
    }

    private static void Cut(int[] rows, double validationFraction, double testFraction, ref TrainingRandom rng, List<int> train, List<int> validation, List<int> test)
    {
        rng.Shuffle(rows);
        int validationCount = (int)Math.Round(rows.Length * validationFraction);
        int testCount = Math.Min((int)Math.Round(rows.Length * testFraction), rows.Length - validationCount);
        validation.AddRange(rows.AsSpan(0, validationCount));
        test.AddRange(rows.AsSpan(validationCount, testCount));
        train.AddRange(rows.AsSpan(validationCount + testCount));
    }

    private static LinearDataset<T> Part<T>(LinearDataset<T> data, List<int> rows, string name, ref TrainingRandom rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rows.Count == 0)
        {
            throw new ArgumentException($"The {name} part of {data.Count} rows is empty; use larger fractions or more data.", name + "Fraction");
        }

        int[] order = rows.ToArray();
        rng.Shuffle(order);
        return data.Select(order);
    }

    private static void CheckFraction(double fraction, string name)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentException($"{name} must be strictly between 0 and 1, but is {fraction}.", name);
        }
    }
}
