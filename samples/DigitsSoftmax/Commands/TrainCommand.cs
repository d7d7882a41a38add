using System.Collections.Generic;
using System.Diagnostics;
using DigitsSoftmax.Data;
using DigitsSoftmax.Output;
using DigitsSoftmax.Plots;
using DigitsSoftmax.Training;
using LossGen.Models;
using LossGen.Training;

namespace DigitsSoftmax.Commands;

/// <summary>The main job: train one configuration, report it, and write the model, the metrics CSV and the loss and accuracy plots.</summary>
public static class TrainCommand
{
    public const string ModelFile = "model.lgm";
    public const string MetricsFile = "metrics.csv";

    public static int Run(DataRequest dataRequest, TrainingConfig config, OutputDirectory output)
    {
        var clock = Stopwatch.StartNew();
        PreparedData data = DataPreparation.Prepare(dataRequest, config.Seed);
        TrainingReport.Setup(data, config);
        TrainedRun run = EpochProgress.Run("epoch", config.Epochs, done =>
            LinearTraining.Train(config, data.Train, data.Validation, m =>
                done($"loss {Format.Loss(m.MeanLoss)}, val {Format.Percent(m.ValidationAccuracy)}")));
        TrainingReport.Epochs(run.History);

        double train = LinearClassifier.Accuracy<float>(run.Parameters, data.Train);
        double validation = LinearClassifier.Accuracy<float>(run.Parameters, data.Validation);
        double test = LinearClassifier.Accuracy<float>(run.Parameters, data.Test);
        TrainingReport.Final(train, validation, test, run.Steps, clock.Elapsed);

        var files = new List<string>();
        var model = LinearModel<float>.FromParameters(run.Parameters, data.FeatureCount, data.ClassCount, data.ClassNames, data.Standardizer);
        model.Save(output.File(ModelFile));
        files.Add(ModelFile);
        MetricsCsv.Write(output.File(MetricsFile), run.History);
        files.Add(MetricsFile);
        TrainingPlots.SaveLoss(output.File(TrainingPlots.LossFile), run.History);
        files.Add(TrainingPlots.LossFile);
        TrainingPlots.SaveAccuracy(output.File(TrainingPlots.AccuracyFile), run.History);
        files.Add(TrainingPlots.AccuracyFile);
        TrainingReport.Files(output, files);
        return 0;
    }
}
