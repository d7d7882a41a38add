using System;
using LossGen.Training;

namespace LossGen.Search;

/// <summary>
/// Seeded k-fold index sets: a shuffled order cut into k runs whose lengths differ by at most one.
/// Private to the search until the data helpers offer k-fold indices of their own.
/// </summary>
internal static class KFoldPartition
{
    public static int[][] Folds(int count, int folds, ulong seed)
    {
        if (folds < 2 || folds > count)
        {
            throw new ArgumentException($"folds must be between 2 and the {count} rows, but is {folds}.", nameof(folds));
        }

        int[] order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        new TrainingRandom(seed).Shuffle(order);
        var result = new int[folds][];
        for (int f = 0; f < folds; f++)
        {
            // Fold f takes positions [f·n/k, (f+1)·n/k): the first n mod k folds are not favoured.
            int start = (int)((long)f * count / folds), end = (int)((long)(f + 1) * count / folds);
            result[f] = order[start..end];

            // Rows keep their data-set order inside a fold, so a fold's training rows are the data
            // set minus the fold, in order, whatever the shuffle was.
            Array.Sort(result[f]);
        }

        return result;
    }

    /// <summary>Every index except those of fold <paramref name="fold"/>, in increasing order.</summary>
    public static int[] AllBut(int[][] folds, int fold)
    {
        int length = 0;
        for (int f = 0; f < folds.Length; f++)
        {
            length += f == fold ? 0 : folds[f].Length;
        }

        int[] rows = new int[length];
        int at = 0;
        for (int f = 0; f < folds.Length; f++)
        {
            if (f != fold)
            {
                folds[f].CopyTo(rows, at);
                at += folds[f].Length;
            }
        }

        Array.Sort(rows);
        return rows;
    }
}
