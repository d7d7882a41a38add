using System.Collections.Generic;
using DigitsSoftmax.Data;
using DigitsSoftmax.Output;
using DigitsSoftmax.Plots;
using DigitsSoftmax.Training;
using DigitsSoftmax.Tuning;

namespace DigitsSoftmax.Commands;

/// <summary>The <c>search</c> command: tune λ and the learning rate, retrain the best, test once.</summary>
public static class SearchCommand
{
    public const string ResultsFile = "search.csv";

    public static int Run(DataRequest dataRequest, TrainingConfig baseConfig, SearchPlan plan, OutputDirectory output)
    {
        PreparedData data = DataPreparation.Prepare(dataRequest, baseConfig.Seed);
        TrainingReport.Setup(data, baseConfig);
        int count = plan.Configurations(baseConfig.Seed).Count;
        SearchReport.Plan(plan, count);
        SearchOutcome outcome = EpochProgress.Run("configuration", count, done =>
            LinearSearch.Run(data, baseConfig, plan, trial => done(trial.Parameters.ToString())));
        SearchReport.Results(outcome);

        var files = new List<string>();
        SearchCsv.Write(output.File(ResultsFile), outcome.Result);
        files.Add(ResultsFile);
        SearchHeatmap.Save(output.File(SearchHeatmap.File), outcome.Result);
        files.Add(SearchHeatmap.File);
        TrainingReport.Files(output, files);
        return 0;
    }
}
