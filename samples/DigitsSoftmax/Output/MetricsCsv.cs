using System.Collections.Generic;
using System.Globalization;
using System.IO;
using DigitsSoftmax.Training;

namespace DigitsSoftmax.Output;

/// <summary>The per-epoch history as CSV (invariant culture, round-trip precision), for other tools.</summary>
public static class MetricsCsv
{
    public const string Header = "epoch,steps,mean_loss,train_accuracy,validation_accuracy";

    public static void Write(string path, IReadOnlyList<EpochMetrics> history)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine(Header);
        foreach (EpochMetrics m in history)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{m.Epoch},{m.Steps},{m.MeanLoss:R},{m.TrainAccuracy:R},{m.ValidationAccuracy:R}"));
        }
    }
}
