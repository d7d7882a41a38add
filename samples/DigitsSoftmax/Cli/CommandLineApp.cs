using System;
using System.CommandLine;
using System.IO;
using DigitsSoftmax.Commands;
using DigitsSoftmax.Data;
using LossGen.Data;
using Spectre.Console;

namespace DigitsSoftmax.Cli;

/// <summary>
/// The command line: the root command trains (so no arguments runs the main job), <c>search</c>
/// tunes λ and the learning rate, <c>figures</c> draws the lecture-note figures.
/// Exit codes: 0 success, 1 a command-line error, 2 bad data.
/// </summary>
public static class CommandLineApp
{
    public const int DataError = 2;

    public static RootCommand Build()
    {
        var options = new TrainingOptions();
        var root = new RootCommand(
            "Trains a linear classifier (softmax or multiclass SVM) with LossGen's generated objectives and optimizers; " +
            "the UCI optical digits are embedded and used when no --data is given.");
        options.AddTo(root);
        root.SetAction(parsed => Guarded(() =>
            TrainCommand.Run(options.DataRequest(parsed), options.Config(parsed), options.Output(parsed))));

        var searchOptions = new SearchCommandOptions();
        Command search = searchOptions.CreateCommand();
        search.SetAction(parsed => Guarded(() =>
            SearchCommand.Run(options.DataRequest(parsed), options.Config(parsed), searchOptions.Plan(parsed), options.Output(parsed))));
        root.Add(search);

        var figures = new Command("figures", "Draws the lecture-note figures (optimizers compared; effect of the learning rate) as SVGs into --out.");
        figures.SetAction(parsed => Guarded(() => FiguresCommand.Run(options.DataRequest(parsed), options.Config(parsed), options.Output(parsed))));
        root.Add(figures);
        return root;
    }

    public static int Run(string[] args) => Build().Parse(args).Invoke();

    // Bad data is the user's to fix, so it gets the loader's message (file, line, column), not a stack trace.
    internal static int Guarded(Func<int> command)
    {
        try
        {
            return command();
        }
        catch (Exception e) when (e is DataFormatException or InvalidDataException or FileNotFoundException or ArgumentException)
        {
            AnsiConsole.Console.WriteLine();
            Console.Error.WriteLine($"DigitsSoftmax: {e.Message}");
            return DataError;
        }
    }
}
