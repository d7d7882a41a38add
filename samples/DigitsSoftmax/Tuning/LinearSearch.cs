using System;
using DigitsSoftmax.Data;
using DigitsSoftmax.Training;
using LossGen.Search;
using LossGen.Training;

namespace DigitsSoftmax.Tuning;

/// <summary>
/// λ × learning-rate search with LossGen's <see cref="HyperParameterSearch"/>, as the notes
/// prescribe: score each configuration on validation data (a held-out split or k folds), then
/// retrain the best on train+validation and score it once on the test split.
/// </summary>
public static class LinearSearch
{
    public static SearchOutcome Run(PreparedData data, TrainingConfig baseConfig, SearchPlan plan, Action<SearchTrial>? onTrial = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(baseConfig);
        ArgumentNullException.ThrowIfNull(plan);
        var holdout = SearchEvaluation<float>.Holdout(data.Train, data.Validation);
        SearchEvaluation<float> evaluation = plan.Folds >= 2
            ? SearchEvaluation<float>.KFold(holdout.TrainAndValidation, plan.Folds, unchecked((ulong)baseConfig.Seed))
            : holdout;

        TrialScorer<float> scorer = (parameters, train, validation) =>
        {
            TrainingConfig config = baseConfig with
            {
                Lambda = parameters[SearchPlan.LambdaName],
                LearningRate = parameters[SearchPlan.LearningRateName],
            };
            return LinearClassifier.Accuracy<float>(LinearTraining.Train(config, train, validation).Parameters, validation);
        };

        SearchResult result = HyperParameterSearch.Run(
            plan.Configurations(baseConfig.Seed), scorer, evaluation, new SearchOptions { OnTrialCompleted = onTrial });
        double test = HyperParameterSearch.RetrainAndTest(result.Best.Parameters, scorer, evaluation.TrainAndValidation, data.Test);
        return new SearchOutcome(result, test);
    }
}
