using LossGen.Optimization;
using LossGen.Builtins;
using LossGen.Training;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace LossGen.Tests.Training;

/// <summary>The trainer actually learns: a separable toy problem perfectly, the digits to > 95% on held-out rows.</summary>
public sealed class TrainerAccuracyTests
{
    private readonly ITestOutputHelper _output;

    public TrainerAccuracyTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Separable_problem_is_learned_perfectly_by_the_svm_and_softmax_objectives()
    {
        var data = TrainingData.Separable<float>(60, seed: 9);
        var svm = Trainer.Create(new LinearSvmObjective<float>(data), new SgdMomentum.Optimizer<float>(lr: 0.05),
            new ConstantLearningRate(), new float[data.ParameterCount], new TrainerOptions { BatchSize = 10, Seed = 3 });
        var softmax = Trainer.Create(new LinearSoftmaxObjective<float>(data), new Nesterov.Optimizer<float>(lr: 0.05),
            new ConstantLearningRate(), new float[data.ParameterCount], new TrainerOptions { BatchSize = 10, Seed = 3 });

        LinearClassifier.Accuracy(svm.Parameters, data).ShouldBeLessThan(0.5); // zero weights: one class for all
        svm.Fit(10);
        softmax.Fit(10);

        LinearClassifier.Accuracy(svm.Parameters, data).ShouldBe(1.0);
        LinearClassifier.Accuracy(softmax.Parameters, data).ShouldBe(1.0);
    }

    [Fact]
    public void Digits_with_Adam_reach_over_95_percent_validation_accuracy_in_a_few_epochs()
    {
        var (train, validation) = TrainingData.DigitsFloat().Split(0.2, seed: 42);
        // 1437 training rows in batches of 32: 45 steps per epoch; the cosine reaches 0 at the end of epoch 10.
        var trainer = Trainer.Create(new LinearSoftmaxObjective<float>(train, lambda: 1e-4), new Adam.Optimizer<float>(lr: 0.1),
            new CosineDecay(10 * 45), new float[train.ParameterCount], new TrainerOptions { BatchSize = 32, Seed = 1 });

        var result = trainer.Fit(epochs: 10, LinearClassifier.AccuracyOn(validation),
            e => _output.WriteLine($"epoch {e.Epoch}: loss {e.MeanLoss:F4}, validation accuracy {e.ValidationScore:P2}"));

        double accuracy = LinearClassifier.Accuracy(trainer.Parameters, validation);
        _output.WriteLine($"{result}; final validation accuracy {accuracy:P2}");
        accuracy.ShouldBeGreaterThan(0.95);
    }

    [Fact]
    public void Digits_with_plain_SGD_in_double_reach_over_95_percent_with_early_stopping_armed()
    {
        var (train, validation) = TrainingData.DigitsDouble().Split(0.2, seed: 42);
        var trainer = Trainer.Create(new LinearSoftmaxObjective<double>(train, lambda: 1e-4), new Sgd.Optimizer<double>(lr: 1),
            new CosineDecay(10 * 45), new double[train.ParameterCount], new TrainerOptions { BatchSize = 32, Seed = 1, Patience = 4 });

        var result = trainer.Fit(epochs: 10, LinearClassifier.AccuracyOn(validation),
            e => _output.WriteLine($"epoch {e.Epoch}: loss {e.MeanLoss:F4}, validation accuracy {e.ValidationScore:P2}"));
        _output.WriteLine(result.ToString());

        double accuracy = LinearClassifier.Accuracy(trainer.Parameters, validation);
        _output.WriteLine($"SGD + cosine: validation accuracy {accuracy:P2}");
        accuracy.ShouldBeGreaterThan(0.95);
    }
}
