using System.Collections.Generic;
using LossGen.Search;

namespace DigitsSoftmax.Tuning;

/// <summary>The search the command line asked for: λ and lr ranges, how to draw from them, how to score.</summary>
/// <param name="Folds">k ≥ 2 for k-fold cross-validation over train+validation; 1 scores on the validation split.</param>
public sealed record SearchPlan(
    SearchStrategy Strategy, double LambdaMin, double LambdaMax, double LearningRateMin, double LearningRateMax, int Points, int Trials, int Folds)
{
    public const string LambdaName = "lambda";
    public const string LearningRateName = "lr";

    public IReadOnlyList<HyperParameters> Configurations(int seed)
    {
        // λ and the learning rate both act multiplicatively, so both are searched on a log scale.
        var space = new SearchSpace(
            SearchDimension.LogUniform(LambdaName, LambdaMin, LambdaMax, Points),
            SearchDimension.LogUniform(LearningRateName, LearningRateMin, LearningRateMax, Points));
        return Strategy == SearchStrategy.Grid ? space.Grid() : space.Random(Trials, unchecked((ulong)seed));
    }
}
