using System;
using System.IO;
using LossGen.Optimization;
using LossGen.Builtins;
using LossGen.Training;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Training;

/// <summary>
/// A checkpoint taken anywhere between two steps and loaded into a freshly built trainer continues
/// exactly as the uninterrupted run: same weights, optimizer state and counters, bit for bit.
/// </summary>
public sealed class TrainerCheckpointTests
{
    private const int Epochs = 6;

    [Theory]
    [InlineData(0)]     // before any step
    [InlineData(11)]    // mid-epoch: resumes inside a shuffled order
    [InlineData(34)]    // 2 epochs of 17 steps: exactly on an epoch boundary
    [InlineData(40)]
    public void Resume_is_bit_identical_with_Adam_in_float(int stepsBeforeCheckpoint)
    {
        var data = TrainingData.Separable<float>(50, seed: 3); // 150 rows → 17 steps of ≤ 9 per epoch
        var options = new TrainerOptions { BatchSize = 9, Seed = 11 };
        var schedule = new CosineDecay(200);
        Trainer<LinearSoftmaxObjective<float>, Adam.Optimizer<float>, CosineDecay, float> Build() =>
            Trainer.Create(new LinearSoftmaxObjective<float>(data), new Adam.Optimizer<float>(lr: 0.02), schedule,
                new float[data.ParameterCount], options);

        var uninterrupted = Build();
        uninterrupted.Fit(Epochs);

        var first = Build();
        for (int i = 0; i < stepsBeforeCheckpoint; i++)
        {
            first.Step();
        }

        using var checkpoint = new MemoryStream();
        first.SaveCheckpoint(checkpoint);
        first.Step(); // moving on after saving must not affect the saved copy
        checkpoint.Position = 0;
        var resumed = Build();
        resumed.LoadCheckpoint(checkpoint);
        resumed.Fit(Epochs);

        resumed.Steps.ShouldBe(uninterrupted.Steps);
        resumed.Epochs.ShouldBe(Epochs);
        TrainerDeterminismTests.Bits(resumed.Parameters.ToArray()).ShouldBe(TrainerDeterminismTests.Bits(uninterrupted.Parameters.ToArray()));
        TrainerDeterminismTests.Bits(resumed.OptimizerState.ToArray()).ShouldBe(TrainerDeterminismTests.Bits(uninterrupted.OptimizerState.ToArray()));
    }

    [Fact]
    public void Resume_is_bit_identical_with_momentum_in_double_with_early_stopping_state()
    {
        var data = TrainingData.Separable<double>(30, seed: 5);
        var (train, validation) = data.Split(0.25, seed: 2);
        var options = new TrainerOptions { BatchSize = 8, Seed = 4, Patience = 3 };
        ValidationMetric<double> accuracy = LinearClassifier.AccuracyOn(validation);
        Trainer<LinearSvmObjective<double>, SgdMomentum.Optimizer<double>, StepDecay, double> Build() =>
            Trainer.Create(new LinearSvmObjective<double>(train), new SgdMomentum.Optimizer<double>(lr: 0.01), new StepDecay(10, 0.9),
                new double[data.ParameterCount], options);

        var uninterrupted = Build();
        var full = uninterrupted.Fit(8, accuracy);

        var first = Build();
        first.Fit(3, accuracy);
        first.Step();
        using var checkpoint = new MemoryStream();
        first.SaveCheckpoint(checkpoint);
        checkpoint.Position = 0;
        var resumed = Build();
        resumed.LoadCheckpoint(checkpoint);
        var rest = resumed.Fit(8, accuracy);

        rest.ShouldBe(full with { LastMeanLoss = rest.LastMeanLoss });
        rest.LastMeanLoss.ShouldBe(full.LastMeanLoss);
        TrainerDeterminismTests.Bits(resumed.Parameters.ToArray()).ShouldBe(TrainerDeterminismTests.Bits(uninterrupted.Parameters.ToArray()));
    }

    [Fact]
    public void A_bad_checkpoint_is_refused_and_leaves_the_trainer_unchanged()
    {
        var data = TrainingData.Separable<float>(10, seed: 1);
        var trainer = Trainer.Create(new LinearSoftmaxObjective<float>(data), new Adam.Optimizer<float>(), new ConstantLearningRate(),
            new float[data.ParameterCount], new TrainerOptions { BatchSize = 4 });
        trainer.Step();
        using var good = new MemoryStream();
        trainer.SaveCheckpoint(good);
        byte[] bytes = good.ToArray();
        trainer.Step();
        float[] before = trainer.Parameters.ToArray();
        long steps = trainer.Steps;

        Should.Throw<InvalidDataException>(() => trainer.LoadCheckpoint(new MemoryStream(bytes[..^3])));
        byte[] wrongMagic = (byte[])bytes.Clone();
        wrongMagic[0] ^= 0xFF;
        Should.Throw<InvalidDataException>(() => trainer.LoadCheckpoint(new MemoryStream(wrongMagic)));
        byte[] wrongVersion = (byte[])bytes.Clone();
        wrongVersion[4] = 99;
        Should.Throw<InvalidDataException>(() => trainer.LoadCheckpoint(new MemoryStream(wrongVersion)));

        var otherShape = TrainingData.Separable<float>(11, seed: 1);
        var other = Trainer.Create(new LinearSoftmaxObjective<float>(otherShape), new Adam.Optimizer<float>(), new ConstantLearningRate(),
            new float[otherShape.ParameterCount], new TrainerOptions { BatchSize = 4 });
        Should.Throw<InvalidDataException>(() => other.LoadCheckpoint(new MemoryStream(bytes)))
            .Message.ShouldContain("training-set size");

        TrainerDeterminismTests.Bits(trainer.Parameters.ToArray()).ShouldBe(TrainerDeterminismTests.Bits(before));
        trainer.Steps.ShouldBe(steps);
    }
}
