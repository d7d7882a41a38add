using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DigitsSoftmax.Commands;
using DigitsSoftmax.Output;
using DigitsSoftmax.Plots;
using LossGen.Models;
using Xunit;

namespace DigitsSoftmax.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class TrainCommandTests
{
    [Fact]
    public void Training_writes_a_model_metrics_and_plots_that_agree_with_what_it_printed()
    {
        using var folder = new TempFolder();
        var (code, output, _) = ToolRun.Invoke("--epochs", "4", "--out", folder.Path);
        Assert.Equal(0, code);
        Assert.Contains(folder.Path, output);

        string[] rows = File.ReadAllLines(folder.File(TrainCommand.MetricsFile));
        Assert.Equal(MetricsCsv.Header, rows[0]);
        Assert.Equal(5, rows.Length);
        double lastValidation = double.Parse(rows[^1].Split(',')[4], CultureInfo.InvariantCulture);
        Match printed = Regex.Match(output, @"validation accuracy (\d+\.\d+)%");
        Assert.Equal((lastValidation * 100).ToString("F2", CultureInfo.InvariantCulture), printed.Groups[1].Value);

        // The saved model, loaded back, scores the printed test accuracy on rows it never saw: the
        // embedded digits' test split, rebuilt here the way the tool builds it.
        var model = LinearModel<float>.Load(folder.File(TrainCommand.ModelFile));
        var data = DigitsSoftmax.Data.DataPreparation.Prepare(new DigitsSoftmax.Data.DataRequest(null, DigitsSoftmax.Data.DataFormat.Auto, null), 42);
        var rawTest = new LossGen.Training.LinearDataset<float>(
            data.Test.Features.Select((v, i) => (float)(v * data.Standardizer.Scale[i % data.FeatureCount] + data.Standardizer.Mean[i % data.FeatureCount])).ToArray(),
            data.Test.Labels, data.FeatureCount, data.ClassCount);
        string test = (model.Score(rawTest) * 100).ToString("F2", CultureInfo.InvariantCulture);
        Assert.Contains($"test accuracy {test}%", output);

        Assert.True(new SvgFile(folder.File(TrainingPlots.LossFile)).IsSvg);
        var accuracy = new SvgFile(folder.File(TrainingPlots.AccuracyFile));
        Assert.Contains(TrainingPlots.TrainSeries, accuracy.Texts);
        Assert.Contains(TrainingPlots.ValidationSeries, accuracy.Texts);
    }

    [Fact]
    public void Redirected_output_is_plain_text()
    {
        using var folder = new TempFolder();
        var (code, output, _) = ToolRun.Invoke("--epochs", "2", "--out", folder.Path);
        Assert.Equal(0, code);
        Assert.DoesNotContain('\u001b', output);
        Assert.Contains("epoch 2/2", output);
    }
}
