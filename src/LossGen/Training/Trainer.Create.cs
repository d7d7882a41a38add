using System;
using System.Numerics;
using LossGen.Optimization;

namespace LossGen.Training;

/// <summary>Builds trainers with the type arguments inferred from the arguments.</summary>
public static class Trainer
{
    public static Trainer<TObjective, TOptimizer, TSchedule, T> Create<TObjective, TOptimizer, TSchedule, T>(
        TObjective objective, TOptimizer optimizer, TSchedule schedule, ReadOnlySpan<T> initialParameters, TrainerOptions options)
        where TObjective : IBatchObjective<T>
        where TOptimizer : IOptimizer<T>
        where TSchedule : ILearningRateSchedule
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new(objective, optimizer, schedule, initialParameters, options);
}
