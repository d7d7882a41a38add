using System.CommandLine;
using System.Linq;
using DigitsSoftmax.Cli;
using Xunit;

namespace DigitsSoftmax.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class ParsingTests
{
    [Theory]
    [InlineData("--lr", "-1", "--lr must be greater than 0, but is -1.")]
    [InlineData("--lr", "0", "--lr must be greater than 0, but is 0.")]
    [InlineData("--lr", "abc", "--lr must be a finite number, but is 'abc'.")]
    [InlineData("--lr", "NaN", "--lr must be a finite number, but is 'NaN'.")]
    [InlineData("--lambda", "-0.5", "--lambda must be at least 0, but is -0.5.")]
    [InlineData("--epochs", "0", "--epochs must be at least 1, but is 0.")]
    [InlineData("--batch-size", "two", "--batch-size must be an integer, but is 'two'.")]
    public void A_bad_value_is_a_clear_error_and_a_non_zero_exit(string option, string value, string message)
    {
        ParseResult parsed = CommandLineApp.Build().Parse([option, value]);
        Assert.Contains(message, parsed.Errors.Select(e => e.Message));

        var (code, output, error) = ToolRun.Invoke(option, value);
        Assert.NotEqual(0, code);
        Assert.Contains(message, output + error);
    }

    [Fact]
    public void An_unknown_optimizer_is_refused_with_the_choices()
    {
        ParseResult parsed = CommandLineApp.Build().Parse(["--optimizer", "lbfgs"]);
        string message = Assert.Single(parsed.Errors).Message;
        Assert.Contains("lbfgs", message);
        Assert.Contains("adamw", message);
    }

    [Fact]
    public void Search_refuses_a_range_whose_ends_are_swapped()
    {
        ParseResult parsed = CommandLineApp.Build().Parse(["search", "--lr-min", "2", "--lr-max", "1"]);
        Assert.Contains("--lr-min must not be above --lr-max.", parsed.Errors.Select(e => e.Message));
    }

    [Fact]
    public void Values_given_reach_the_training_configuration()
    {
        var options = new TrainingOptions();
        var root = new RootCommand();
        options.AddTo(root);
        ParseResult parsed = root.Parse(
            ["--loss", "svm", "--optimizer", "nesterov", "--schedule", "warmup", "--lr", "0.25", "--lambda", "0", "--epochs", "7", "--batch", "16", "--seed", "-3"]);
        Assert.Empty(parsed.Errors);
        var config = options.Config(parsed);
        Assert.Equal(
            new Training.TrainingConfig(Training.LossKind.Svm, Training.OptimizerKind.Nesterov, Training.ScheduleKind.Warmup, 0.25, 0, 7, 16, -3),
            config);
    }
}
