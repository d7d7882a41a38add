using System;
using System.Numerics;
using LossGen.Training;

namespace LossGen.Search;

/// <summary>
/// How a search scores a configuration: on one held-out validation split, or by k-fold
/// cross-validation (the mean of k scores, each on one fold after training on the other k − 1).
/// </summary>
public sealed class SearchEvaluation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly LinearDataset<T>[] _trainParts;
    private readonly LinearDataset<T>[] _evaluationParts;

    private SearchEvaluation(LinearDataset<T>[] trainParts, LinearDataset<T>[] evaluationParts, LinearDataset<T> all)
    {
        _trainParts = trainParts;
        _evaluationParts = evaluationParts;
        TrainAndValidation = all;
    }

    /// <summary>How many scores make up one configuration's score (1 for a validation split, k for k-fold).</summary>
    public int FoldCount => _trainParts.Length;

    /// <summary>
    /// All the rows the search saw, training and validation together: what the best configuration
    /// is retrained on before its single test score.
    /// </summary>
    public LinearDataset<T> TrainAndValidation { get; }

    /// <summary>Scores each configuration once: trained on <paramref name="train"/>, scored on <paramref name="validation"/>.</summary>
    public static SearchEvaluation<T> Holdout(LinearDataset<T> train, LinearDataset<T> validation)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        if (train.FeatureCount != validation.FeatureCount || train.ClassCount != validation.ClassCount)
        {
            throw new ArgumentException(
                $"validation has {validation.FeatureCount} features and {validation.ClassCount} classes; train has {train.FeatureCount} and {train.ClassCount}.",
                nameof(validation));
        }

        return new SearchEvaluation<T>([train], [validation], DatasetRows.Concat(train, validation));
    }

    /// <summary>
    /// k-fold cross-validation over <paramref name="data"/>: its rows are shuffled with
    /// <paramref name="seed"/> and cut into k folds whose sizes differ by at most one.
    /// </summary>
    /// <param name="data">The rows to cross-validate on (the test split kept apart).</param>
    /// <param name="folds">k, from 2 to the number of rows.</param>
    /// <param name="seed">Fixes the fold assignment.</param>
    public static SearchEvaluation<T> KFold(LinearDataset<T> data, int folds, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        int[][] partition = KFoldPartition.Folds(data.Count, folds, seed);
        var trainParts = new LinearDataset<T>[folds];
        var evaluationParts = new LinearDataset<T>[folds];
        for (int f = 0; f < folds; f++)
        {
            evaluationParts[f] = data.Select(partition[f]);
            trainParts[f] = data.Select(KFoldPartition.AllBut(partition, f));
        }

        return new SearchEvaluation<T>(trainParts, evaluationParts, data);
    }

    /// <summary>The rows fold <paramref name="fold"/> trains on.</summary>
    public LinearDataset<T> TrainPart(int fold) => _trainParts[fold];

    /// <summary>The rows fold <paramref name="fold"/> is scored on.</summary>
    public LinearDataset<T> EvaluationPart(int fold) => _evaluationParts[fold];
}
