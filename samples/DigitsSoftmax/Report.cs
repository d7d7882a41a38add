using System;
using System.Globalization;
using Spectre.Console;

namespace DigitsSoftmax;

/// <summary>
/// Everything the sample prints. Epoch rows are written one line at a time as training goes —
/// that doubles as progress and stays readable in a redirected CI log, where an animated
/// progress bar would leave control codes or nothing at all. Colour markup is dropped by
/// Spectre when the output does not support ANSI.
/// </summary>
public static class Report
{
    private const string EpochFormat = "{0,5}  {1,10}  {2,9}  {3,9}";

    /// <summary>
    /// Spectre decides on ANSI from TERM alone, so a redirected run under TERM=xterm would still
    /// get escape codes in its log; a redirected run therefore gets plain text, and a fixed width
    /// because there is no terminal to measure.
    /// </summary>
    public static void ConfigureConsole()
    {
        if (!Console.IsOutputRedirected)
        {
            return;
        }

        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        AnsiConsole.Profile.Width = 120;
    }

    public static void Setup(Dataset all, Dataset train, Dataset validation, Options options, int effectiveBatch)
    {
        AnsiConsole.MarkupLine("[bold]LossGen sample: linear softmax classifier on the UCI optical digits[/]");
        AnsiConsole.WriteLine(Invariant(
            $"Data:  {all.Count} rows, {all.FeatureCount} features (pixel / 16), {all.ClassCount} classes (embedded digits.csv)"));
        AnsiConsole.WriteLine(Invariant(
            $"Split: train {train.Count}, validation {validation.Count} (shuffled with seed {options.Seed})"));
        string batch = effectiveBatch == options.BatchSize
            ? effectiveBatch.ToString(CultureInfo.InvariantCulture)
            : Invariant($"{effectiveBatch} (full batch; {options.BatchSize} requested)");
        AnsiConsole.WriteLine(Invariant(
            $"Model: W [{train.FeatureCount}, {train.ClassCount}], b [{train.ClassCount}], zero start; loss = mean cross-entropy + lambda·ΣW²"));
        AnsiConsole.WriteLine(Invariant(
            $"SGD:   {options.Epochs} epochs, batch {batch}, lr {Options.Fmt(options.LearningRate)}, lambda {Options.Fmt(options.Lambda)}"));
        AnsiConsole.WriteLine();
        AnsiConsole.MarkupLine(Markup.Escape(string.Format(CultureInfo.InvariantCulture, EpochFormat, "epoch", "train loss", "train acc", "val acc")));
    }

    /// <param name="meanLoss">Mean objective (cross-entropy + λΣW²) over the epoch's batches.</param>
    public static void Epoch(int epoch, double meanLoss, double trainAccuracy, double validationAccuracy) =>
        AnsiConsole.WriteLine(string.Format(CultureInfo.InvariantCulture, EpochFormat,
            epoch, meanLoss.ToString("F4", CultureInfo.InvariantCulture), Percent(trainAccuracy), Percent(validationAccuracy)));

    /// <summary>Rows are the true class, columns the predicted one; the diagonal is correct.</summary>
    public static void ConfusionMatrix(int[,] counts)
    {
        int classes = counts.GetLength(0);
        var table = new Table
        {
            // Box-drawing characters survive most terminals but not every log viewer.
            Border = Console.IsOutputRedirected ? TableBorder.Ascii : TableBorder.Rounded,
            Title = new TableTitle("Validation confusion matrix (row: true, column: predicted, . = 0)"),
        };
        table.AddColumn(new TableColumn("true").RightAligned());
        for (int j = 0; j < classes; j++)
        {
            table.AddColumn(new TableColumn(j.ToString(CultureInfo.InvariantCulture)).RightAligned());
        }

        table.AddColumn(new TableColumn("recall").RightAligned());
        for (int i = 0; i < classes; i++)
        {
            var cells = new string[classes + 2];
            cells[0] = i.ToString(CultureInfo.InvariantCulture);
            int total = 0;
            for (int j = 0; j < classes; j++)
            {
                int count = counts[i, j];
                total += count;
                string text = count.ToString(CultureInfo.InvariantCulture);
                cells[j + 1] = i == j ? $"[green]{text}[/]" : count == 0 ? "[grey].[/]" : $"[red]{text}[/]";
            }

            cells[classes + 1] = total == 0 ? "-" : Percent((double)counts[i, i] / total);
            table.AddRow(cells);
        }

        AnsiConsole.WriteLine();
        AnsiConsole.Write(table);
    }

    /// <param name="sgd">Time inside the SGD epochs only (steps, not evaluation).</param>
    /// <param name="total">Wall time of the whole run, start-up excluded.</param>
    public static void Summary(double trainAccuracy, double validationAccuracy, long steps, TimeSpan sgd, TimeSpan total)
    {
        AnsiConsole.WriteLine();
        AnsiConsole.MarkupLine(Markup.Escape(Invariant(
            $"Final: train accuracy {Percent(trainAccuracy)}, validation accuracy {Percent(validationAccuracy)}")));
        AnsiConsole.WriteLine(Invariant(
            $"Time:  SGD {sgd.TotalSeconds:F3} s ({steps} steps), total {total.TotalSeconds:F3} s incl. loading and evaluation"));
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("F2", CultureInfo.InvariantCulture) + "%";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
