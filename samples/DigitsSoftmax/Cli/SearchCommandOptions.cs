using System.CommandLine;
using DigitsSoftmax.Tuning;

namespace DigitsSoftmax.Cli;

/// <summary>The options of <c>search</c> beyond the shared ones: the λ × lr space and the scoring.</summary>
public sealed class SearchCommandOptions
{
    public Option<SearchStrategy> Strategy { get; } = EnumOption.Create("--strategy", SearchStrategy.Grid, "Grid over log-spaced points, or random log-uniform draws.");

    public Option<double> LambdaMin { get; } = NumberOption.Real("--lambda-min", 1e-5, "Smallest lambda, > 0 (log scale).", exclusiveMin: 0);

    public Option<double> LambdaMax { get; } = NumberOption.Real("--lambda-max", 1e-1, "Largest lambda.", exclusiveMin: 0);

    public Option<double> LearningRateMin { get; } = NumberOption.Real("--lr-min", 1e-2, "Smallest learning rate, > 0 (log scale).", exclusiveMin: 0);

    public Option<double> LearningRateMax { get; } = NumberOption.Real("--lr-max", 2, "Largest learning rate.", exclusiveMin: 0);

    public Option<int> Points { get; } = NumberOption.Integer("--points", 5, "Grid points per axis (grid: points² configurations).", min: 1);

    public Option<int> Trials { get; } = NumberOption.Integer("--trials", 20, "Configurations drawn by random search.", min: 1);

    public Option<int> Folds { get; } = NumberOption.Integer("--folds", 1, "k >= 2: k-fold cross-validation on train+validation; 1: score on the validation split.", min: 1);

    public Command CreateCommand()
    {
        var command = new Command("search", "Searches lambda × learning rate, retrains the best on train+validation and scores it once on the test split.");
        command.Add(Strategy);
        command.Add(LambdaMin);
        command.Add(LambdaMax);
        command.Add(LearningRateMin);
        command.Add(LearningRateMax);
        command.Add(Points);
        command.Add(Trials);
        command.Add(Folds);
        command.Validators.Add(result =>
        {
            if (result.GetValue(LambdaMin) > result.GetValue(LambdaMax))
            {
                result.AddError("--lambda-min must not be above --lambda-max.");
            }

            if (result.GetValue(LearningRateMin) > result.GetValue(LearningRateMax))
            {
                result.AddError("--lr-min must not be above --lr-max.");
            }
        });
        return command;
    }

    public SearchPlan Plan(ParseResult parsed) => new(
        parsed.GetValue(Strategy),
        parsed.GetValue(LambdaMin),
        parsed.GetValue(LambdaMax),
        parsed.GetValue(LearningRateMin),
        parsed.GetValue(LearningRateMax),
        parsed.GetValue(Points),
        parsed.GetValue(Trials),
        parsed.GetValue(Folds));
}
