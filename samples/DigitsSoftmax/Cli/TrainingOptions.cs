using System.CommandLine;
using DigitsSoftmax.Data;
using DigitsSoftmax.Output;
using DigitsSoftmax.Training;

namespace DigitsSoftmax.Cli;

/// <summary>The options every command shares: the data, the loss, the optimizer and the output folder.</summary>
public sealed class TrainingOptions
{
    private static readonly TrainingConfig Default = TrainingConfig.Default;

    public Option<string?> Data { get; } = new("--data") { Description = "Data file (csv, libsvm/svmlight text, or MNIST idx images, .gz allowed); the embedded UCI digits when omitted." };

    public Option<DataFormat> Format { get; } = EnumOption.Create("--format", DataFormat.Auto, "Format of --data; auto decides by the file name.");

    public Option<string?> Labels { get; } = new("--labels") { Description = "MNIST idx labels file; by default the labels-idx1 file beside --data." };

    public Option<LossKind> Loss { get; } = EnumOption.Create("--loss", Default.Loss, "Data loss: softmax cross-entropy or multiclass SVM hinge.");

    public Option<OptimizerKind> Optimizer { get; } = EnumOption.Create("--optimizer", Default.Optimizer, "Update rule.");

    public Option<ScheduleKind> Schedule { get; } = EnumOption.Create("--schedule", Default.Schedule, "Learning-rate schedule over the run.");

    public Option<double> LearningRate { get; } = NumberOption.Real("--lr", Default.LearningRate, "Base learning rate, > 0.", exclusiveMin: 0);

    public Option<double> Lambda { get; } = NumberOption.Real("--lambda", Default.Lambda, "L2 strength in loss + lambda·ΣW², >= 0.", inclusiveMin: 0);

    public Option<int> Epochs { get; } = NumberOption.Integer("--epochs", Default.Epochs, "Passes over the training split, >= 1.", min: 1);

    public Option<int> BatchSize { get; } = NumberOption.Integer("--batch-size", Default.BatchSize, "Mini-batch size, >= 1; above the training split's size it is full-batch descent.", min: 1, "--batch");

    public Option<int> Seed { get; } = NumberOption.Integer("--seed", Default.Seed, "Seeds the split, the shuffles and the search.", min: int.MinValue);

    public Option<string> Out { get; } = new("--out") { Description = "Folder for the model, metrics CSV and SVG plots.", DefaultValueFactory = _ => OutputDirectory.DefaultPath };

    /// <summary>Adds the options to the root, recursive so that <c>search</c> and <c>figures</c> take them too.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Data, Format, Labels, Loss, Optimizer, Schedule, LearningRate, Lambda, Epochs, BatchSize, Seed, Out })
        {
            option.Recursive = true;
        }

        command.Add(Data);
        command.Add(Format);
        command.Add(Labels);
        command.Add(Loss);
        command.Add(Optimizer);
        command.Add(Schedule);
        command.Add(LearningRate);
        command.Add(Lambda);
        command.Add(Epochs);
        command.Add(BatchSize);
        command.Add(Seed);
        command.Add(Out);
    }

    public DataRequest DataRequest(ParseResult parsed) =>
        new(parsed.GetValue(Data), parsed.GetValue(Format), parsed.GetValue(Labels));

    public TrainingConfig Config(ParseResult parsed) => new(
        parsed.GetValue(Loss),
        parsed.GetValue(Optimizer),
        parsed.GetValue(Schedule),
        parsed.GetValue(LearningRate),
        parsed.GetValue(Lambda),
        parsed.GetValue(Epochs),
        parsed.GetValue(BatchSize),
        parsed.GetValue(Seed));

    public OutputDirectory Output(ParseResult parsed) => new(parsed.GetValue(Out)!);
}
