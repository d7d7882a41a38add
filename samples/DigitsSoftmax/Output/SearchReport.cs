using System;
using System.Globalization;
using DigitsSoftmax.Tuning;
using LossGen.Search;
using Spectre.Console;

namespace DigitsSoftmax.Output;

/// <summary>What the search prints: the plan, the trials sorted by score, and the best one's test score.</summary>
public static class SearchReport
{
    private const int MaxTableRows = 20;

    public static void Plan(SearchPlan plan, int configurations)
    {
        string scoring = plan.Folds >= 2 ? $"{plan.Folds}-fold cross-validation on train+validation" : "the validation split";
        AnsiConsole.WriteLine(FormattableString.Invariant(
            $"Search: {plan.Strategy.ToString().ToLowerInvariant()}, {configurations} configurations, lambda ~ logU[{Format.Number(plan.LambdaMin)}, {Format.Number(plan.LambdaMax)}], lr ~ logU[{Format.Number(plan.LearningRateMin)}, {Format.Number(plan.LearningRateMax)}], scored on {scoring}"));
        AnsiConsole.WriteLine();
    }

    public static void Results(SearchOutcome outcome)
    {
        var table = new Table { Border = ConsoleSetup.IsInteractive ? TableBorder.Rounded : TableBorder.Ascii };
        table.AddColumn(new TableColumn("rank").RightAligned());
        table.AddColumn(new TableColumn("lambda").RightAligned());
        table.AddColumn(new TableColumn("lr").RightAligned());
        table.AddColumn(new TableColumn("val score").RightAligned());
        int rows = Math.Min(MaxTableRows, outcome.Result.Trials.Count);
        for (int i = 0; i < rows; i++)
        {
            SearchTrial t = outcome.Result.Trials[i];
            table.AddRow(
                (i + 1).ToString(CultureInfo.InvariantCulture),
                Format.Number(t.Parameters[SearchPlan.LambdaName]),
                Format.Number(t.Parameters[SearchPlan.LearningRateName]),
                double.IsNaN(t.Score) ? "failed" : Format.Percent(t.Score));
        }

        AnsiConsole.Write(table);
        SearchTrial best = outcome.Result.Best;
        AnsiConsole.WriteLine();
        AnsiConsole.WriteLine(FormattableString.Invariant(
            $"Best: lambda {Format.Number(best.Parameters[SearchPlan.LambdaName])}, lr {Format.Number(best.Parameters[SearchPlan.LearningRateName])}, validation accuracy {Format.Percent(best.Score)}"));
        AnsiConsole.WriteLine(FormattableString.Invariant(
            $"Test:  retrained on train+validation, test accuracy {Format.Percent(outcome.TestAccuracy)} (scored once)"));
    }
}
