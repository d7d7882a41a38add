using System.Collections.Generic;
using LossGen.Optimization;
using LossGen.Builtins;
using LossGen.Training;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Training;

/// <summary>
/// Early stopping against a scripted validation score, so the epoch it must stop at and the epoch
/// whose parameters it must restore are known in advance.
/// </summary>
public sealed class EarlyStoppingTests
{
    [Fact]
    public void Stops_after_patience_epochs_without_improvement_and_restores_the_best_parameters()
    {
        // Best at epoch 3; epochs 4 and 5 do not beat it (5 is within MinDelta), so patience 2 stops after epoch 5.
        double[] scores = [0.5, 0.7, 0.9, 0.8, 0.905, 0.99, 0.99];
        var trainer = Build(new TrainerOptions { BatchSize = 8, Seed = 1, Patience = 2, MinDelta = 0.01 });
        var afterEpoch = new List<float[]>();
        var reports = new List<EpochReport>();

        var result = trainer.Fit(epochs: 7, Scripted(scores, afterEpoch), reports.Add);

        result.StoppedEarly.ShouldBeTrue();
        result.Epochs.ShouldBe(5);
        result.BestEpoch.ShouldBe(3);
        result.BestScore.ShouldBe(0.9);
        reports.Count.ShouldBe(5);
        reports[2].Improved.ShouldBeTrue();
        reports[4].Improved.ShouldBeFalse();
        afterEpoch[4].ShouldNotBe(afterEpoch[2]); // training did move on, so the restore below is visible
        trainer.Parameters.ToArray().ShouldBe(afterEpoch[2]);

        // A stopped trainer stays stopped.
        trainer.Fit(epochs: 7, Scripted(scores, afterEpoch)).Epochs.ShouldBe(5);
        trainer.Steps.ShouldBe(result.Steps);
    }

    [Fact]
    public void Lower_is_better_for_losses_and_restoring_can_be_turned_off()
    {
        double[] losses = [3, 2, 2.5, 2.4, 1];
        var trainer = Build(new TrainerOptions
        {
            BatchSize = 8, Patience = 2, HigherIsBetter = false, RestoreBestParameters = false,
        });
        var afterEpoch = new List<float[]>();

        var result = trainer.Fit(epochs: 5, Scripted(losses, afterEpoch));

        result.StoppedEarly.ShouldBeTrue();
        result.Epochs.ShouldBe(4);
        result.BestEpoch.ShouldBe(2);
        trainer.Parameters.ToArray().ShouldBe(afterEpoch[3]);
        trainer.RestoreBest().ShouldBeTrue();
        trainer.Parameters.ToArray().ShouldBe(afterEpoch[1]);
    }

    [Fact]
    public void Without_patience_the_run_is_not_cut_short()
    {
        var trainer = Build(new TrainerOptions { BatchSize = 8 });
        var result = trainer.Fit(epochs: 4, _ => 0.1);
        result.StoppedEarly.ShouldBeFalse();
        result.Epochs.ShouldBe(4);
    }

    private static Trainer<LinearSoftmaxObjective<float>, Sgd.Optimizer<float>, ConstantLearningRate, float> Build(TrainerOptions options)
    {
        var data = TrainingData.Separable<float>(20, seed: 2);
        return Trainer.Create(new LinearSoftmaxObjective<float>(data), new Sgd.Optimizer<float>(lr: 0.1),
            new ConstantLearningRate(), new float[data.ParameterCount], options);
    }

    /// <summary>Returns the scripted scores in turn and keeps a copy of the parameters it was shown (those at each epoch's end).</summary>
    private static ValidationMetric<float> Scripted(double[] scores, List<float[]> afterEpoch) =>
        parameters =>
        {
            afterEpoch.Add(parameters.ToArray());
            return scores[afterEpoch.Count - 1];
        };
}
