using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Optimization;
using LossGen.Search;
using LossGen.Tests.Training;
using LossGen.Builtins;
using LossGen.Training;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Search;

/// <summary>
/// The search's contract: the known optimum of a synthetic score is found, k-fold scores are the
/// mean of independently computed fold scores, and the table depends on the seed only — not on
/// how many threads ran it.
/// </summary>
public sealed class HyperParameterSearchTests
{
    private static readonly SearchSpace LrLambda = new(
        SearchDimension.LogUniform("lr", 1e-3, 3),
        SearchDimension.LogUniform("lambda", 1e-6, 1e-1));

    [Fact]
    public void Random_search_finds_the_known_best_region_of_a_synthetic_score()
    {
        // A bowl in log space whose top is at lr = 1e-2, λ = 1e-4 (score 0 there, negative elsewhere).
        TrialScorer<double> bowl = (p, _, _) =>
            -Square(Math.Log10(p["lr"]) + 2) - Square(Math.Log10(p["lambda"]) + 4);
        LinearDataset<double> data = TrainingData.Separable<double>(4, seed: 1);

        SearchResult result = HyperParameterSearch.Run(LrLambda.Random(300, seed: 5), bowl, SearchEvaluation<double>.Holdout(data, data));

        Math.Log10(result.Best.Parameters["lr"]).ShouldBe(-2, tolerance: 0.25);
        Math.Log10(result.Best.Parameters["lambda"]).ShouldBe(-4, tolerance: 0.25);
        result.Trials.Select(t => t.Score).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public void Grid_search_on_a_real_trainer_prefers_a_useful_learning_rate_over_one_that_barely_moves()
    {
        // Three epochs from a zero start: at lr 1e-5 the weights hardly leave zero, so the
        // validation cross-entropy stays near ln 3 = 1.0986; lr 0.3 separates the clusters.
        (LinearDataset<double> train, LinearDataset<double> validation) = TrainingData.Separable<double>(40, seed: 2).Split(0.25, seed: 3);
        var space = new SearchSpace(SearchDimension.Values("lr", 1e-5, 0.3), SearchDimension.Values("lambda", 1e-4));

        SearchResult result = HyperParameterSearch.Run(space.Grid(), NegativeValidationLoss, SearchEvaluation<double>.Holdout(train, validation));

        result.Best.Parameters["lr"].ShouldBe(0.3);
        result.Trials[1].Score.ShouldBe(-Math.Log(3), tolerance: 1e-2);
        result.Best.Score.ShouldBeGreaterThan(-0.5);
    }

    [Fact]
    public void Grid_is_every_combination_with_the_last_dimension_fastest_and_log_spaced_ends_exact()
    {
        var space = new SearchSpace(SearchDimension.Values("a", 1, 2), SearchDimension.LogUniform("b", 1e-3, 1, gridPoints: 4));

        IReadOnlyList<HyperParameters> grid = space.Grid();

        grid.Count.ShouldBe(8);
        grid.Select(g => g["a"]).ShouldBe([1, 1, 1, 1, 2, 2, 2, 2]);
        double[] b = grid.Take(4).Select(g => g["b"]).ToArray();
        b[0].ShouldBe(1e-3);
        b[1].ShouldBe(1e-2, tolerance: 1e-15);
        b[2].ShouldBe(1e-1, tolerance: 1e-14);
        b[3].ShouldBe(1);
    }

    [Fact]
    public void Log_uniform_draws_give_each_decade_the_same_share()
    {
        var space = new SearchSpace(SearchDimension.LogUniform("lr", 1e-4, 1e-1));

        double[] draws = space.Random(6000, seed: 11).Select(p => p["lr"]).ToArray();

        draws.ShouldAllBe(x => x >= 1e-4 && x <= 1e-1);
        foreach (int decade in new[] { -4, -3, -2 })
        {
            // Each of the three decades holds 1/3; the binomial sd with n = 6000 is 0.006.
            double share = draws.Count(x => Math.Floor(Math.Log10(x)) == decade) / (double)draws.Length;
            share.ShouldBe(1.0 / 3, tolerance: 0.03);
        }
    }

    [Fact]
    public void K_fold_score_is_the_mean_of_fold_scores_computed_independently()
    {
        LinearDataset<double> data = TrainingData.Separable<double>(20, seed: 4);
        const int K = 5;
        const ulong Seed = 9;
        IReadOnlyList<HyperParameters> configurations = LrLambda.Random(3, seed: 2);

        SearchResult result = HyperParameterSearch.Run(configurations, NegativeValidationLoss, SearchEvaluation<double>.KFold(data, K, Seed));

        int[][] folds = KFoldPartition.Folds(data.Count, K, Seed);
        foreach (SearchTrial trial in result.Trials)
        {
            var byHand = new double[K];
            for (int f = 0; f < K; f++)
            {
                int[] trainRows = Enumerable.Range(0, data.Count).Where(i => !folds[f].Contains(i)).ToArray();
                byHand[f] = NegativeValidationLoss(trial.Parameters, data.Select(trainRows), data.Select(folds[f]));
            }

            trial.FoldScores.ShouldBe(byHand);
            trial.Score.ShouldBe(byHand.Average(), tolerance: 1e-15);
        }
    }

    [Fact]
    public void K_fold_partition_covers_every_row_once_with_sizes_differing_by_at_most_one()
    {
        int[][] folds = KFoldPartition.Folds(23, 4, seed: 1);

        folds.SelectMany(f => f).Order().ShouldBe(Enumerable.Range(0, 23));
        folds.Select(f => f.Length).Order().ShouldBe([5, 6, 6, 6]);
        Should.Throw<ArgumentException>(() => KFoldPartition.Folds(3, 4, seed: 1)).ParamName.ShouldBe("folds");
    }

    [Fact]
    public void Same_seed_same_table_and_parallel_equals_sequential()
    {
        (LinearDataset<double> train, LinearDataset<double> validation) = TrainingData.Separable<double>(30, seed: 6).Split(0.3, seed: 1);
        var evaluation = SearchEvaluation<double>.Holdout(train, validation);

        SearchResult sequential = HyperParameterSearch.Run(LrLambda.Random(12, seed: 3), NegativeValidationLoss, evaluation, new SearchOptions { MaxDegreeOfParallelism = 1 });
        SearchResult parallel = HyperParameterSearch.Run(LrLambda.Random(12, seed: 3), NegativeValidationLoss, evaluation, new SearchOptions { MaxDegreeOfParallelism = 4 });
        SearchResult otherSeed = HyperParameterSearch.Run(LrLambda.Random(12, seed: 4), NegativeValidationLoss, evaluation, new SearchOptions { MaxDegreeOfParallelism = 4 });

        Table(parallel).ShouldBe(Table(sequential));
        Table(otherSeed).ShouldNotBe(Table(sequential));
    }

    [Fact]
    public void Failed_and_nan_trials_rank_last_and_ties_keep_the_given_order()
    {
        var space = new SearchSpace(SearchDimension.Values("x", 1, 2, 3, 4, 5));
        TrialScorer<double> scorer = (p, _, _) => p["x"] switch
        {
            1 => double.NaN,
            2 => throw new ArithmeticException("diverged"),
            3 => 0.5,
            4 => 0.9,
            _ => 0.5,
        };
        LinearDataset<double> data = TrainingData.Separable<double>(2, seed: 1);

        SearchResult result = HyperParameterSearch.Run(space.Grid(), scorer, SearchEvaluation<double>.Holdout(data, data));

        result.Trials.Select(t => t.Parameters["x"]).ShouldBe([4, 3, 5, 1, 2]);
        result.Trials[4].Error.ShouldBe("diverged");
        double.IsNaN(result.Trials[4].Score).ShouldBeTrue();
    }

    [Fact]
    public void Retrain_and_test_trains_on_train_plus_validation_and_scores_on_test()
    {
        (LinearDataset<double> rest, LinearDataset<double> test) = TrainingData.Separable<double>(10, seed: 1).Split(0.2, seed: 1);
        (LinearDataset<double> train, LinearDataset<double> validation) = rest.Split(0.25, seed: 2);
        var evaluation = SearchEvaluation<double>.Holdout(train, validation);
        var seen = new List<(int Train, int Evaluation)>();
        TrialScorer<double> recording = (_, tr, ev) =>
        {
            lock (seen)
            {
                seen.Add((tr.Count, ev.Count));
            }

            return 0;
        };

        SearchResult result = HyperParameterSearch.Run(LrLambda.Random(2, seed: 1), recording, evaluation);
        HyperParameterSearch.RetrainAndTest(result.Best.Parameters, recording, evaluation.TrainAndValidation, test);

        seen[^1].ShouldBe((train.Count + validation.Count, test.Count));
        seen.Take(2).ShouldBe([(train.Count, validation.Count), (train.Count, validation.Count)]);
    }

    [Fact]
    public void Bad_dimensions_are_refused_with_the_parameter_named()
    {
        Should.Throw<ArgumentException>(() => SearchDimension.LogUniform("lr", 0, 1)).ParamName.ShouldBe("min");
        Should.Throw<ArgumentException>(() => SearchDimension.Uniform("m", 1, 0)).ParamName.ShouldBe("max");
        Should.Throw<ArgumentException>(() => SearchDimension.Values("m")).ParamName.ShouldBe("values");
        Should.Throw<ArgumentException>(() => new SearchSpace(SearchDimension.Values("a", 1), SearchDimension.Values("a", 2))).ParamName.ShouldBe("dimensions");
        Should.Throw<KeyNotFoundException>(() => LrLambda.Grid()[0]["momentum"]).Message.ShouldContain("lr, lambda");
    }

    /// <summary>Three epochs of SGD on softmax, then minus the validation cross-entropy (with λΣW²).</summary>
    internal static double NegativeValidationLoss(HyperParameters p, LinearDataset<double> train, LinearDataset<double> evaluation)
    {
        var objective = new LinearSoftmaxObjective<double>(train, p["lambda"]);
        var trainer = Trainer.Create(objective, new Sgd.Optimizer<double>(p["lr"]), new ConstantLearningRate(),
            new double[train.ParameterCount], new TrainerOptions { BatchSize = 8, Seed = 7 });
        trainer.Fit(3);
        var evaluate = new LinearSoftmaxObjective<double>(evaluation, p["lambda"]);
        int[] rows = Enumerable.Range(0, evaluation.Count).ToArray();
        return -evaluate.ValueAndGradient(trainer.Parameters, rows, new double[evaluation.ParameterCount]);
    }

    private static double Square(double x) => x * x;

    private static string[] Table(SearchResult result) =>
        result.Trials.Select(t => $"{t.Index} {t.Parameters} {t.Score:R}").ToArray();
}
