using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Optimization;
using LossGen.Builtins;
using LossGen.Training;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Training;

/// <summary>
/// Issue 12: NaN or ∞ reaching the trainer stops it at the first non-finite batch loss or gradient
/// norm, naming the epoch, the batch and its rows, with nothing of the trainer moved; the opt-out
/// trains on as before.
/// </summary>
public sealed class NonFiniteTrainingTests
{
    private const int BatchSize = 4;
    private const ulong Seed = 3;
    private const int Rows = 30;                               // Separable(10): 3 classes × 10
    private const int BatchesPerEpoch = (Rows + BatchSize - 1) / BatchSize; // 8, the last one of 2 rows

    [Fact]
    public void A_NaN_feature_stops_training_at_its_batch_with_nothing_moved_and_the_trainer_resumes_after_the_fix()
    {
        const int bad = 17;
        var data = TrainingData.Separable<float>(10, seed: 1);
        var reference = TrainingData.Separable<float>(10, seed: 1);
        var trainer = Adam(data);
        var clean = Adam(reference);

        // Two clean epochs first, so the failure is not in epoch 0 and the optimizer state is not zero.
        trainer.Fit(2);
        clean.Fit(2);
        float saved = data.Features[bad * 2 + 1];
        data.Features[bad * 2 + 1] = float.NaN;

        int[] order = EpochOrder(epoch: 2);
        int position = Array.IndexOf(order, bad);
        int batch = position / BatchSize;
        int[] batchRows = order.Skip(batch * BatchSize).Take(BatchSize).ToArray();
        for (int b = 0; b < batch; b++)
        {
            trainer.Step().ShouldBeFalse();
        }

        Snapshot before = Snapshot.Of(trainer);
        var ex = Should.Throw<NonFiniteTrainingException>(() => trainer.Step());

        ex.Epoch.ShouldBe(2);
        ex.BatchInEpoch.ShouldBe(batch);
        ex.Step.ShouldBe(2L * BatchesPerEpoch + batch + 1);
        ex.Rows.ShouldBe(batchRows);
        ex.Rows.ShouldContain(bad);
        double.IsNaN(ex.Loss).ShouldBeTrue();
        double.IsNaN(ex.GradientNorm).ShouldBeTrue();
        ex.Message.ShouldContain("epoch 2");
        ex.Message.ShouldContain($"batch {batch} ");
        ex.Message.ShouldContain(string.Join(", ", batchRows));
        before.ShouldEqual(Snapshot.Of(trainer));
        trainer.Steps.ShouldBe(2L * BatchesPerEpoch + batch);

        // The trainer stays usable: Fit throws the same way, then, with the value fixed, the run
        // continues and ends bit-identical to one that never saw the NaN (so neither the position,
        // the epoch's running loss, the order nor any state moved).
        Should.Throw<NonFiniteTrainingException>(() => trainer.Fit(4)).Rows.ShouldBe(batchRows);
        before.ShouldEqual(Snapshot.Of(trainer));
        data.Features[bad * 2 + 1] = saved;
        var losses = new List<double>();
        var cleanLosses = new List<double>();
        trainer.Fit(4, null, e => losses.Add(e.MeanLoss));
        clean.Fit(4, null, e => cleanLosses.Add(e.MeanLoss));
        losses.Count.ShouldBe(2);
        TrainerDeterminismTests.Bits(losses.ToArray()).ShouldBe(TrainerDeterminismTests.Bits(cleanLosses.ToArray()));
        TrainerDeterminismTests.Bits(trainer.Parameters.ToArray()).ShouldBe(TrainerDeterminismTests.Bits(clean.Parameters.ToArray()));
        TrainerDeterminismTests.Bits(trainer.OptimizerState.ToArray()).ShouldBe(TrainerDeterminismTests.Bits(clean.OptimizerState.ToArray()));
    }

    [Fact]
    public void An_infinite_feature_stops_the_first_step_that_sees_it()
    {
        const int bad = 5;
        var data = TrainingData.Separable<float>(10, seed: 1);
        data.Features[bad * 2] = float.PositiveInfinity;
        var trainer = Adam(data, clip: 1.0); // with clipping the reused norm is checked too
        int[] order = EpochOrder(epoch: 0);
        int batch = Array.IndexOf(order, bad) / BatchSize;

        var ex = StepUntilThrow(trainer, out Snapshot before);

        ex.Epoch.ShouldBe(0);
        ex.BatchInEpoch.ShouldBe(batch);
        ex.Step.ShouldBe(batch + 1);
        ex.Rows.ShouldBe(order.Skip(batch * BatchSize).Take(BatchSize).ToArray());
        ex.Rows.ShouldContain(bad);
        (double.IsFinite(ex.Loss) && double.IsFinite(ex.GradientNorm)).ShouldBeFalse();
        before.ShouldEqual(Snapshot.Of(trainer));
        trainer.Steps.ShouldBe(batch);
    }

    [Fact]
    public void A_finite_value_that_overflows_in_the_arithmetic_is_caught_too()
    {
        // 3e38 is a valid float (loaders accept it), but x·w with w = 2 overflows to ∞ in every
        // class's score, and the softmax turns ∞ − ∞ into NaN.
        const int bad = 22;
        var data = TrainingData.Separable<float>(10, seed: 1);
        data.Features[bad * 2] = 3e38f;
        float[] twos = Enumerable.Repeat(2f, data.ParameterCount).ToArray();
        var trainer = Trainer.Create(new LinearSoftmaxObjective<float>(data), new Sgd.Optimizer<float>(lr: 0.1),
            new ConstantLearningRate(), twos, new TrainerOptions { BatchSize = BatchSize, Seed = Seed });
        int[] order = EpochOrder(epoch: 0);
        int batch = Array.IndexOf(order, bad) / BatchSize;

        var ex = StepUntilThrow(trainer, out Snapshot before);

        ex.BatchInEpoch.ShouldBe(batch);
        ex.Rows.ShouldContain(bad);
        (double.IsFinite(ex.Loss) && double.IsFinite(ex.GradientNorm)).ShouldBeFalse();
        before.ShouldEqual(Snapshot.Of(trainer));
    }

    [Fact]
    public void Opting_out_trains_on_through_NaN_as_before()
    {
        var data = TrainingData.Separable<float>(10, seed: 1);
        data.Features[17 * 2] = float.NaN;
        var trainer = Adam(data, stop: false);
        var reports = new List<EpochReport>();

        trainer.Fit(2, null, reports.Add);

        trainer.Epochs.ShouldBe(2);
        trainer.Steps.ShouldBe(2L * BatchesPerEpoch);
        double.IsNaN(reports[0].MeanLoss).ShouldBeTrue();
        trainer.Parameters.ToArray().ShouldContain(p => float.IsNaN(p));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0.5)]
    public void On_clean_data_the_check_changes_nothing(double? clip)
    {
        // With and without the check (and the clipping norm it now shares), the same bits.
        var checkedRun = Adam(TrainingData.Separable<float>(10, seed: 1), clip, stop: true);
        var uncheckedRun = Adam(TrainingData.Separable<float>(10, seed: 1), clip, stop: false);
        var checkedLosses = new List<double>();
        var uncheckedLosses = new List<double>();
        checkedRun.Fit(3, null, e => checkedLosses.Add(e.MeanLoss));
        uncheckedRun.Fit(3, null, e => uncheckedLosses.Add(e.MeanLoss));

        checkedLosses.ShouldAllBe(l => double.IsFinite(l));
        checkedLosses[2].ShouldBeLessThan(checkedLosses[0]); // it does train
        TrainerDeterminismTests.Bits(checkedLosses.ToArray()).ShouldBe(TrainerDeterminismTests.Bits(uncheckedLosses.ToArray()));
        TrainerDeterminismTests.Bits(checkedRun.Parameters.ToArray()).ShouldBe(TrainerDeterminismTests.Bits(uncheckedRun.Parameters.ToArray()));
    }

    [Fact]
    public void Clipping_with_the_shared_norm_matches_GradientClipping()
    {
        // One step of SGD with lr 1 from zero moves the weights by minus the clipped gradient.
        var data = TrainingData.Separable<double>(10, seed: 1);
        var objective = new LinearSoftmaxObjective<double>(data);
        var trainer = Trainer.Create(objective, new Sgd.Optimizer<double>(lr: 1), new ConstantLearningRate(),
            new double[data.ParameterCount], new TrainerOptions { BatchSize = BatchSize, Seed = Seed, MaxGradientNorm = 0.05 });
        var expected = new double[data.ParameterCount];
        objective.ValueAndGradient(new double[data.ParameterCount], EpochOrder(0).AsSpan(0, BatchSize), expected);
        double norm = GradientClipping.ClipByGlobalNorm(0.05, expected.AsSpan());
        norm.ShouldBeGreaterThan(0.05);

        trainer.Step();

        TrainerDeterminismTests.Bits(trainer.Parameters.ToArray().Select(p => -p).ToArray())
            .ShouldBe(TrainerDeterminismTests.Bits(expected));
    }

    [Fact]
    public void The_one_pass_norm_is_the_stable_norm_bit_for_bit()
    {
        double[][] cases =
        [
            [], [0, 0], [3, 4], [1e-200, 3e-200], [1e200, -1e200, 5], [1e300, 1e300], [double.MaxValue, 1],
            [1, double.NaN, 2], [double.PositiveInfinity, 1], [double.NegativeInfinity, double.NaN], [5e-324, 0],
        ];
        foreach (double[] x in cases)
        {
            double expected = StableNorm.Euclidean((ReadOnlySpan<double>)x);
            double actual = StableNorm.EuclideanOnePass<double>(x);
            if (double.IsNaN(expected))
            {
                double.IsNaN(actual).ShouldBeTrue(string.Join(", ", x)); // NaN payloads may differ
            }
            else
            {
                BitConverter.DoubleToInt64Bits(actual).ShouldBe(BitConverter.DoubleToInt64Bits(expected), string.Join(", ", x));
            }
        }

        StableNorm.EuclideanOnePass<double>([1e200, 1e200]).ShouldBe(Math.Sqrt(2) * 1e200, 1e188);
    }

    [Fact]
    public void The_message_lists_ten_rows_then_how_many_more()
    {
        var ex = new NonFiniteTrainingException(1, 2, 19, Enumerable.Range(100, 13).ToArray(), double.NaN, 1.5);
        ex.Message.ShouldContain("100, 101, 102, 103, 104, 105, 106, 107, 108, 109 …and 3 more");
        ex.Message.ShouldNotContain("110");
        ex.Message.ShouldContain("epoch 1");
        ex.Message.ShouldContain("batch 2");
        ex.Message.ShouldContain("step 19");
        ex.Message.ShouldContain("loss NaN");
        ex.Message.ShouldContain("gradient norm 1.5");
    }

    private static Trainer<LinearSoftmaxObjective<float>, Adam.Optimizer<float>, ConstantLearningRate, float> Adam(
        LinearDataset<float> data, double? clip = null, bool stop = true) =>
        Trainer.Create(new LinearSoftmaxObjective<float>(data), new Adam.Optimizer<float>(lr: 0.05), new ConstantLearningRate(),
            new float[data.ParameterCount],
            new TrainerOptions { BatchSize = BatchSize, Seed = Seed, MaxGradientNorm = clip, StopOnNonFinite = stop });

    /// <summary>The trainer's visiting order in an epoch: the identity shuffled once at construction and once per finished epoch.</summary>
    private static int[] EpochOrder(int epoch)
    {
        int[] order = Enumerable.Range(0, Rows).ToArray();
        var rng = new TrainingRandom(Seed);
        for (int e = 0; e <= epoch; e++)
        {
            rng.Shuffle(order);
        }

        return order;
    }

    private static NonFiniteTrainingException StepUntilThrow<TO, TOpt, TS>(Trainer<TO, TOpt, TS, float> trainer, out Snapshot before)
        where TO : IBatchObjective<float>
        where TOpt : IOptimizer<float>
        where TS : ILearningRateSchedule
    {
        for (int i = 0; i < BatchesPerEpoch; i++)
        {
            before = Snapshot.Of(trainer);
            try
            {
                trainer.Step();
            }
            catch (NonFiniteTrainingException ex)
            {
                return ex;
            }
        }

        throw new ShouldAssertException("No step threw within the first epoch.");
    }

    private sealed record Snapshot(int[] Parameters, int[] State, long Steps, int Epochs)
    {
        public static Snapshot Of<TO, TOpt, TS>(Trainer<TO, TOpt, TS, float> t)
            where TO : IBatchObjective<float>
            where TOpt : IOptimizer<float>
            where TS : ILearningRateSchedule =>
            new(TrainerDeterminismTests.Bits(t.Parameters.ToArray()), TrainerDeterminismTests.Bits(t.OptimizerState.ToArray()), t.Steps, t.Epochs);

        public void ShouldEqual(Snapshot other)
        {
            other.Parameters.ShouldBe(Parameters);
            other.State.ShouldBe(State);
            other.Steps.ShouldBe(Steps);
            other.Epochs.ShouldBe(Epochs);
        }
    }
}
