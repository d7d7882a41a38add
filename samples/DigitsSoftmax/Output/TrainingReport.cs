using System;
using System.Collections.Generic;
using System.Globalization;
using DigitsSoftmax.Data;
using DigitsSoftmax.Training;
using Spectre.Console;

namespace DigitsSoftmax.Output;

/// <summary>What a training run prints: the setup, the per-epoch table and the final accuracies.</summary>
public static class TrainingReport
{
    /// <summary>Past this many epochs the table shows a sample (first, last and evenly between); the CSV has all.</summary>
    private const int MaxTableRows = 15;

    public static void Setup(PreparedData data, TrainingConfig config)
    {
        AnsiConsole.MarkupLine("[bold]LossGen: linear classifier[/]");
        AnsiConsole.WriteLine(Invariant(
            $"Data:  {data.SourceName}: {data.RowCount} rows, {data.FeatureCount} features, {data.ClassCount} classes"));
        AnsiConsole.WriteLine(Invariant(
            $"Split: train {data.Train.Count}, validation {data.Validation.Count}, test {data.Test.Count} (stratified, seed {config.Seed})"));
        AnsiConsole.WriteLine(Invariant(
            $"Model: {Name(config.Loss)} + lambda·ΣW², lambda {Format.Number(config.Lambda)}; W [{data.FeatureCount}, {data.ClassCount}], b [{data.ClassCount}], zero start"));
        AnsiConsole.WriteLine(Invariant(
            $"Train: {Name(config.Optimizer)}, lr {Format.Number(config.LearningRate)} ({Name(config.Schedule)}), {config.Epochs} epochs, batch {config.BatchSize}"));
        AnsiConsole.WriteLine();
    }

    public static void Epochs(IReadOnlyList<EpochMetrics> history)
    {
        var table = new Table { Border = ConsoleSetup.IsInteractive ? TableBorder.Rounded : TableBorder.Ascii };
        table.AddColumn(new TableColumn("epoch").RightAligned());
        table.AddColumn(new TableColumn("mean loss").RightAligned());
        table.AddColumn(new TableColumn("train acc").RightAligned());
        table.AddColumn(new TableColumn("val acc").RightAligned());
        foreach (int i in TableRows(history.Count))
        {
            EpochMetrics m = history[i];
            table.AddRow(m.Epoch.ToString(CultureInfo.InvariantCulture), Format.Loss(m.MeanLoss), Format.Percent(m.TrainAccuracy), Format.Percent(m.ValidationAccuracy));
        }

        AnsiConsole.Write(table);
    }

    public static void Final(double train, double validation, double test, long steps, TimeSpan elapsed)
    {
        AnsiConsole.WriteLine();
        AnsiConsole.WriteLine(Invariant(
            $"Final: train accuracy {Format.Percent(train)}, validation accuracy {Format.Percent(validation)}"));
        AnsiConsole.WriteLine(Invariant($"Test:  test accuracy {Format.Percent(test)} (scored once, after training)"));
        AnsiConsole.WriteLine(Invariant($"Time:  {elapsed.TotalSeconds:F2} s, {steps} steps"));
    }

    public static void Files(OutputDirectory output, IEnumerable<string> files)
    {
        AnsiConsole.WriteLine(Invariant($"Files written to {output.FullPath}:"));
        foreach (string file in files)
        {
            AnsiConsole.WriteLine("  " + file);
        }
    }

    private static IEnumerable<int> TableRows(int count)
    {
        if (count <= MaxTableRows)
        {
            for (int i = 0; i < count; i++)
            {
                yield return i;
            }

            yield break;
        }

        int previous = -1;
        for (int k = 0; k < MaxTableRows; k++)
        {
            int i = (int)Math.Round((double)k * (count - 1) / (MaxTableRows - 1));
            if (i != previous)
            {
                yield return i;
                previous = i;
            }
        }
    }

    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
