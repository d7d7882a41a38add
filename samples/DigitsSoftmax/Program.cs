using System;
using System.Diagnostics;
using System.IO;

namespace DigitsSoftmax;

/// <summary>
/// Loads the embedded digits, splits them 80/20, trains a linear softmax classifier with
/// mini-batch SGD (LossGen's trainer) on the generated LinearSoftmax objective, and reports per-epoch loss and
/// accuracy, the validation confusion matrix and the time taken. See <c>--help</c>.
/// </summary>
public static class Program
{
    private const double ValidationFraction = 0.2;

    public static int Main(string[] args)
    {
        var total = Stopwatch.StartNew();
        Report.ConfigureConsole();
        ParseResult parsed = Options.Parse(args);
        if (parsed.ShowHelp)
        {
            Console.Out.Write(Options.HelpText);
            return 0;
        }

        if (parsed.Options is not { } options)
        {
            Console.Error.WriteLine($"DigitsSoftmax: {parsed.Error}.");
            Console.Error.WriteLine("Run with --help for the options.");
            return 2;
        }

        Dataset all;
        try
        {
            all = DigitsCsv.LoadEmbedded();
        }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine($"DigitsSoftmax: {e.Message}");
            return 1;
        }

        // The seed fixes the whole run: it drives the split here and the trainer's per-epoch shuffles.
        var rng = new Random(options.Seed);
        (Dataset train, Dataset validation) = Split.TrainValidation(all, ValidationFraction, rng);
        var model = new LinearModel(all.FeatureCount, all.ClassCount);
        var trainer = new SgdTrainer(model, train, options.BatchSize, options.LearningRate, options.Lambda, options.Seed);
        Report.Setup(all, train, validation, options, trainer.BatchSize);

        var sgd = new Stopwatch();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            sgd.Start();
            double loss = trainer.RunEpoch();
            sgd.Stop();
            Report.Epoch(epoch, loss, model.Accuracy(train), model.Accuracy(validation));
        }

        Report.ConfusionMatrix(model.ConfusionMatrix(validation));
        Report.Summary(model.Accuracy(train), model.Accuracy(validation), trainer.Steps, sgd.Elapsed, total.Elapsed);
        return 0;
    }
}
