using System.Collections.Generic;
using System.Linq;
using DigitsSoftmax.Training;

namespace DigitsSoftmax.Plots;

/// <summary>The two plots of a training run: loss per epoch, and train/validation accuracy per epoch.</summary>
public static class TrainingPlots
{
    public const string LossFile = "loss.svg";
    public const string AccuracyFile = "accuracy.svg";

    public const string LossSeries = "mean training loss";
    public const string TrainSeries = "train accuracy";
    public const string ValidationSeries = "validation accuracy";

    public static void SaveLoss(string path, IReadOnlyList<EpochMetrics> history)
    {
        double[] epochs = history.Select(m => (double)m.Epoch).ToArray();
        LineChart.Save(path, "Loss per epoch", "epoch", "mean objective", [new LineSeries(LossSeries, epochs, history.Select(m => m.MeanLoss).ToArray())]);
    }

    public static void SaveAccuracy(string path, IReadOnlyList<EpochMetrics> history)
    {
        double[] epochs = history.Select(m => (double)m.Epoch).ToArray();
        LineChart.Save(path, "Accuracy per epoch", "epoch", "accuracy", [
            new LineSeries(TrainSeries, epochs, history.Select(m => m.TrainAccuracy).ToArray()),
            new LineSeries(ValidationSeries, epochs, history.Select(m => m.ValidationAccuracy).ToArray()),
        ]);
    }
}
