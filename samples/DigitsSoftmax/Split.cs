using System;

namespace DigitsSoftmax;

/// <summary>A seeded random train/validation split (not stratified: with ~180 rows per class a
/// random 20% holds every class in roughly equal measure).</summary>
public static class Split
{
    public static (Dataset Train, Dataset Validation) TrainValidation(Dataset all, double validationFraction, Random rng)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(rng);
        if (!(validationFraction > 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "must be strictly between 0 and 1");
        }

        int[] order = new int[all.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        rng.Shuffle(order);
        int validationCount = (int)Math.Round(all.Count * validationFraction);
        ReadOnlySpan<int> rows = order;
        return (all.Select(rows[validationCount..]), all.Select(rows[..validationCount]));
    }
}
