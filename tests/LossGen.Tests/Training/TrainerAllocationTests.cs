using System;
using LossGen.Optimization;
using LossGen.Builtins;
using LossGen.Training;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Training;

/// <summary>
/// After warm-up (JIT, the batch scratch growing to full size, the kernels' pooled rows), steps and
/// whole epochs allocate nothing: GC.GetAllocatedBytesForCurrentThread counts every managed
/// allocation on this thread, so any boxing or closure on the hot path would show.
/// </summary>
public sealed class TrainerAllocationTests
{
    [Fact]
    public void Steps_allocate_nothing_after_warm_up()
    {
        var data = TrainingData.DigitsFloat();
        var trainer = Trainer.Create(new LinearSoftmaxObjective<float>(data), new Adam.Optimizer<float>(lr: 0.01),
            new LinearWarmup<CosineDecay>(50, 0.1, new CosineDecay(10_000)), new float[data.ParameterCount],
            new TrainerOptions { BatchSize = 32, Seed = 1, MaxGradientNorm = 1.0 });
        for (int i = 0; i < 200; i++)
        {
            trainer.Step();
        }

        long allocated = AllocatedInAWindowWithoutCollection(() =>
        {
            for (int i = 0; i < 500; i++)
            {
                trainer.Step();
            }
        });
        allocated.ShouldBe(0);
    }

    [Fact]
    public void Fit_with_struct_callbacks_allocates_nothing_per_epoch()
    {
        var data = TrainingData.Separable<double>(100, seed: 1);
        var trainer = Trainer.Create(new LinearSvmObjective<double>(data), new RmsPropMomentum.Optimizer<double>(lr: 0.001),
            new StepDecay(100, 0.5), new double[data.ParameterCount], new TrainerOptions { BatchSize = 7, Seed = 1 });
        var callbacks = new CountingCallbacks();
        trainer.Fit(2, null, ref callbacks);

        int epochs = 2;
        long allocated = AllocatedInAWindowWithoutCollection(() =>
        {
            epochs += 10;
            trainer.Fit(epochs, null, ref callbacks);
        });

        callbacks.Epochs.ShouldBe(epochs);
        callbacks.Steps.ShouldBe(epochs * 43); // 300 rows in batches of 7: 42 full and one of 6
        allocated.ShouldBe(0);
    }

    /// <summary>
    /// The bytes this thread allocated while <paramref name="run"/> ran, from the first of up to ten
    /// windows in which no collection happened: a collection that other tests' allocations trigger
    /// mid-window retires this thread's allocation context, and the counter then moves by a few
    /// hundred or thousand bytes with nothing allocated here (seen only in the full parallel run).
    /// </summary>
    internal static long AllocatedInAWindowWithoutCollection(Action run)
    {
        long allocated = 0;
        for (int attempt = 0; attempt < 10; attempt++)
        {
            int collections = GC.CollectionCount(0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            run();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (GC.CollectionCount(0) == collections) return allocated;
        }
        return allocated;
    }

    private struct CountingCallbacks : ITrainingCallbacks
    {
        public long Steps;
        public int Epochs;

        public void OnStep(in StepReport report) => Steps++;

        public bool OnEpoch(in EpochReport report)
        {
            Epochs++;
            return true;
        }
    }
}
