using System;
using LossGen.Optimization;
using LossGen.Builtins;
using LossGen.Training;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Training;

/// <summary>Bad input is an ArgumentException naming the parameter, and a failed step changes nothing.</summary>
public sealed class TrainerValidationTests
{
    private static readonly LinearDataset<float> Data = TrainingData.Separable<float>(5, seed: 1);

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Batch_size_below_one_is_refused(int batchSize) =>
        Should.Throw<ArgumentException>(() => Build(new TrainerOptions { BatchSize = batchSize }))
            .ParamName.ShouldBe("options.BatchSize");

    [Fact]
    public void Other_options_are_checked()
    {
        Should.Throw<ArgumentException>(() => Build(new TrainerOptions { Patience = -1 })).ParamName.ShouldBe("options.Patience");
        Should.Throw<ArgumentException>(() => Build(new TrainerOptions { MinDelta = double.NaN })).ParamName.ShouldBe("options.MinDelta");
        Should.Throw<ArgumentException>(() => Build(new TrainerOptions { MaxGradientNorm = -1 })).ParamName.ShouldBe("options.MaxGradientNorm");
    }

    [Fact]
    public void Mismatched_lengths_and_empty_data_are_refused()
    {
        Should.Throw<ArgumentException>(() => Trainer.Create(new LinearSoftmaxObjective<float>(Data), new Sgd.Optimizer<float>(),
            new ConstantLearningRate(), new float[Data.ParameterCount - 1], new TrainerOptions())).ParamName.ShouldBe("initialParameters");
        Should.Throw<ArgumentException>(() => new LinearDataset<float>([], [], 2, 3)).ParamName.ShouldBe("labels");
        Should.Throw<ArgumentException>(() => new LinearDataset<float>(new float[5], [0, 1, 2], 2, 3)).ParamName.ShouldBe("features");
        Should.Throw<ArgumentException>(() => new LinearDataset<float>(new float[4], [0, 3], 2, 3)).ParamName.ShouldBe("labels");
        Should.Throw<ArgumentException>(() => Build(new TrainerOptions { Patience = 2 }).Fit(3)).ParamName.ShouldBe("validation");
        Should.Throw<ArgumentException>(() => Build(new TrainerOptions()).Fit(-1)).ParamName.ShouldBe("epochs");
    }

    [Fact]
    public void A_step_whose_optimizer_refuses_its_arguments_leaves_the_trainer_unchanged()
    {
        var trainer = Trainer.Create(new LinearSoftmaxObjective<float>(Data), new RefusingOptimizer(),
            new ConstantLearningRate(), new float[Data.ParameterCount], new TrainerOptions { BatchSize = 4 });

        Should.Throw<ArgumentException>(() => trainer.Step()).ParamName.ShouldBe("lr");

        trainer.Steps.ShouldBe(0);
        trainer.Parameters.ToArray().ShouldAllBe(p => p == 0);
        // The same batch is tried again: the position did not move.
        Should.Throw<ArgumentException>(() => trainer.Step());
        trainer.Steps.ShouldBe(0);
    }

    /// <summary>An optimizer whose step refuses its arguments, as a generated Step does (a bad rate, a bad state length).</summary>
    private readonly struct RefusingOptimizer : IOptimizer<float>
    {
        public int StateBufferCount => 0;

        public void Step(Span<float> w, ReadOnlySpan<float> g, Span<float> state, long t, double learningRateMultiplier) =>
            throw new ArgumentException("refused", "lr");
    }

    [Fact]
    public void An_optimizer_with_a_negative_rate_is_refused_when_it_is_built()
    {
        Should.Throw<ArgumentException>(() => new Sgd.Optimizer<float>(lr: -1)).ParamName.ShouldBe("lr");
    }

    [Fact]
    public void A_batch_larger_than_the_data_is_full_batch_descent()
    {
        var trainer = Build(new TrainerOptions { BatchSize = 1000 });
        trainer.BatchSize.ShouldBe(Data.Count);
        trainer.Step().ShouldBeTrue(); // one step is the whole epoch
        trainer.Epochs.ShouldBe(1);
    }

    [Fact]
    public void Clipping_bounds_the_step_and_reports_the_pre_clip_norm()
    {
        // Plain SGD with lr 1 moves the weights by exactly the (clipped) gradient.
        var trainer = Build(new TrainerOptions { BatchSize = 4, MaxGradientNorm = 0.01 });
        var recorder = new Recorder();
        trainer.Fit(1, null, ref recorder);
        recorder.FirstNorm.ShouldBeGreaterThan(0.01); // so clipping did act
        double moved = 0;
        foreach (float p in trainer.Parameters)
        {
            moved += (double)p * p;
        }

        Math.Sqrt(moved).ShouldBeLessThanOrEqualTo(0.01 * trainer.Steps + 1e-6);
    }

    private static Trainer<LinearSoftmaxObjective<float>, Sgd.Optimizer<float>, ConstantLearningRate, float> Build(TrainerOptions options) =>
        Trainer.Create(new LinearSoftmaxObjective<float>(Data), new Sgd.Optimizer<float>(lr: 1),
            new ConstantLearningRate(), new float[Data.ParameterCount], options);

    private struct Recorder : ITrainingCallbacks
    {
        public double FirstNorm;

        public void OnStep(in StepReport report)
        {
            if (report.Step == 1)
            {
                FirstNorm = report.GradientNorm;
            }
        }

        public readonly bool OnEpoch(in EpochReport report) => true;
    }
}
