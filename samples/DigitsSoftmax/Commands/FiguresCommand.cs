using System.Collections.Generic;
using System.Linq;
using DigitsSoftmax.Data;
using DigitsSoftmax.Output;
using DigitsSoftmax.Plots;
using DigitsSoftmax.Training;

namespace DigitsSoftmax.Commands;

/// <summary>
/// The <c>figures</c> command: two figures of the linear-classifier lecture notes, drawn from real
/// runs on the embedded digits with full-batch steps (so each curve is the true objective, not
/// batch noise): the optimizers compared on one objective, and the effect of the learning rate.
/// </summary>
public static class FiguresCommand
{
    public const string OptimizersFile = "optimizers-compared.svg";
    public const string LearningRatesFile = "learning-rate-effect.svg";

    /// <summary>Steps per curve: enough for the adaptive methods to separate from plain SGD.</summary>
    public const int Steps = 200;

    // Learning rates each method is usually run at (PyTorch's defaults are tuned for deep nets,
    // so these are the notes' values for a linear model on [0, 1] features).
    public static readonly IReadOnlyList<(OptimizerKind Kind, string Name, double LearningRate)> Optimizers =
    [
        (OptimizerKind.Sgd, "SGD", 0.5),
        (OptimizerKind.Momentum, "momentum", 0.5),
        (OptimizerKind.Nesterov, "Nesterov", 0.5),
        (OptimizerKind.AdaGrad, "AdaGrad", 0.5),
        (OptimizerKind.RmsProp, "RMSProp", 0.01),
        (OptimizerKind.Adam, "Adam", 0.01),
    ];

    public static readonly IReadOnlyList<(string Name, double LearningRate)> LearningRates =
    [
        ("too low (0.01)", 0.01),
        ("good (1)", 1.0),
        ("too high (12)", 12.0),
    ];

    public static int Run(DataRequest dataRequest, TrainingConfig baseConfig, OutputDirectory output)
    {
        PreparedData data = DataPreparation.Prepare(dataRequest, baseConfig.Seed);
        TrainingConfig fullBatch = baseConfig with { BatchSize = data.Train.Count, Epochs = Steps, Schedule = ScheduleKind.Constant };
        int curves = Optimizers.Count + LearningRates.Count;
        var (optimizerCurves, rateCurves) = EpochProgress.Run("curve", curves, done =>
        {
            var byOptimizer = Optimizers.Select(o =>
            {
                LineSeries line = Curve(o.Name, fullBatch with { Optimizer = o.Kind, LearningRate = o.LearningRate }, data);
                done(o.Name);
                return line;
            }).ToArray();
            var byRate = LearningRates.Select(r =>
            {
                LineSeries line = Curve(r.Name, fullBatch with { Optimizer = OptimizerKind.Sgd, LearningRate = r.LearningRate }, data);
                done(r.Name);
                return line;
            }).ToArray();
            return (byOptimizer, byRate);
        });

        LineChart.Save(output.File(OptimizersFile), "Optimizers on one objective (softmax, digits, full batch)", "step", "training loss", optimizerCurves, logY: true);
        LineChart.Save(output.File(LearningRatesFile), "Effect of the learning rate (SGD, softmax, digits, full batch)", "step", "training loss", rateCurves, logY: true);
        TrainingReport.Files(output, [OptimizersFile, LearningRatesFile]);
        return 0;
    }

    private static LineSeries Curve(string name, TrainingConfig config, PreparedData data)
    {
        TrainedRun run = LinearTraining.Train(config, data.Train, data.Validation);
        double[] steps = Enumerable.Range(1, run.StepLosses.Count).Select(s => (double)s).ToArray();
        return new LineSeries(name, steps, run.StepLosses.ToArray());
    }
}
