using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Threading.Tasks;
using LossGen.Training;

namespace LossGen.Search;

/// <summary>
/// Scores configurations of hyper-parameters in parallel and ranks them, following the protocol
/// of the linear-classifier notes: choose on validation data (or by k-fold cross-validation),
/// then retrain the winner on training + validation and score it once on the test split.
/// </summary>
/// <example>
/// <code>
/// var space = new SearchSpace(SearchDimension.LogUniform("lr", 1e-3, 10), SearchDimension.LogUniform("lambda", 1e-6, 1e-1));
/// SearchResult result = HyperParameterSearch.Run(space.Random(40, seed: 1), Score, SearchEvaluation&lt;float&gt;.KFold(trainVal, 5, seed: 1));
/// double test = HyperParameterSearch.RetrainAndTest(result.Best.Parameters, Score, trainVal, test);
/// </code>
/// </example>
public static class HyperParameterSearch
{
    /// <summary>
    /// Scores every configuration (each fold of it a separate unit of work, spread over
    /// <see cref="SearchOptions.MaxDegreeOfParallelism"/> threads) and returns them ranked.
    /// </summary>
    /// <remarks>
    /// Every score lands in a slot fixed by the configuration and fold, and a trial's score is the
    /// mean of its folds taken in fold order, so with a deterministic scorer the result is the
    /// same bit for bit however the work is scheduled.
    /// </remarks>
    public static SearchResult Run<T>(IReadOnlyList<HyperParameters> configurations, TrialScorer<T> scorer, SearchEvaluation<T> evaluation, SearchOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(configurations);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(evaluation);
        options ??= new SearchOptions();
        if (configurations.Count == 0)
        {
            throw new ArgumentException("The search has no configurations.", nameof(configurations));
        }

        if (options.MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentException($"MaxDegreeOfParallelism must be at least 1, but is {options.MaxDegreeOfParallelism}.", "options.MaxDegreeOfParallelism");
        }

        int folds = evaluation.FoldCount;
        var scores = new double[configurations.Count, folds];
        var errors = new string?[configurations.Count];
        var remaining = new int[configurations.Count];
        Array.Fill(remaining, folds);
        var trials = new SearchTrial?[configurations.Count];
        var gate = new object();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = options.CancellationToken };
        Parallel.For(0, configurations.Count * folds, parallel, unit =>
        {
            int c = unit / folds, f = unit % folds;
            double score;
            string? error = null;
            try
            {
                score = scorer(configurations[c], evaluation.TrainPart(f), evaluation.EvaluationPart(f));
            }
            catch (Exception e) when (e is ArithmeticException or ArgumentException or InvalidOperationException)
            {
                score = double.NaN;
                error = e.Message;
            }

            lock (gate)
            {
                scores[c, f] = score;
                errors[c] ??= error;
                if (--remaining[c] == 0)
                {
                    trials[c] = MakeTrial(c, configurations[c], scores, folds, errors[c]);
                    options.OnTrialCompleted?.Invoke(trials[c]!);
                }
            }
        });

        return new SearchResult(Rank(trials!));
    }

    /// <summary>
    /// The last step of the protocol: trains <paramref name="best"/> on <paramref name="trainAndValidation"/>
    /// and scores it once on <paramref name="test"/>. Call it once, after the search: a test score
    /// that feeds back into the choice is no longer an estimate of the error on new data.
    /// </summary>
    public static double RetrainAndTest<T>(HyperParameters best, TrialScorer<T> scorer, LinearDataset<T> trainAndValidation, LinearDataset<T> test)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(best);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(trainAndValidation);
        ArgumentNullException.ThrowIfNull(test);
        return scorer(best, trainAndValidation, test);
    }

    private static SearchTrial MakeTrial(int index, HyperParameters parameters, double[,] scores, int folds, string? error)
    {
        var foldScores = new double[folds];
        double sum = 0;
        for (int f = 0; f < folds; f++)
        {
            foldScores[f] = scores[index, f];
            sum += foldScores[f];
        }

        return new SearchTrial(index, parameters, sum / folds, foldScores, error);
    }

    private static SearchTrial[] Rank(SearchTrial[] trials) =>
        trials.OrderBy(t => double.IsNaN(t.Score) ? 1 : 0)
            .ThenByDescending(t => double.IsNaN(t.Score) ? 0 : t.Score)
            .ThenBy(t => t.Index)
            .ToArray();
}
