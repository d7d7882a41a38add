using System;
using System.Numerics;
using LossGen.Optimization;

namespace LossGen.Training;

/// <summary>Builds trainers with the type arguments inferred from the arguments.</summary>
public static class Trainer
{
    /// <summary>A new <see cref="Trainer{TObjective, TOptimizer, TSchedule, T}"/>, as its constructor.</summary>
    /// <param name="objective">The model and loss, with its training set.</param>
    /// <param name="optimizer">The update rule; its state buffers start at zero.</param>
    /// <param name="schedule">The learning-rate multiplier per step.</param>
    /// <param name="initialParameters">The starting parameters, <c>objective.ParameterCount</c> of them (copied).</param>
    /// <param name="options">Batch size, epochs, seed, clipping, early stopping and the non-finite check.</param>
    /// <typeparam name="TObjective">The objective's type.</typeparam>
    /// <typeparam name="TOptimizer">The optimizer's type.</typeparam>
    /// <typeparam name="TSchedule">The schedule's type.</typeparam>
    /// <typeparam name="T">The element type, float or double for the built-in objectives and optimizers.</typeparam>
    /// <returns>The trainer, at step 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range, the objective has no parameters or no examples, the initial parameters have the wrong length, or the optimizer reports a negative number of state buffers.</exception>
    public static Trainer<TObjective, TOptimizer, TSchedule, T> Create<TObjective, TOptimizer, TSchedule, T>(
        TObjective objective, TOptimizer optimizer, TSchedule schedule, ReadOnlySpan<T> initialParameters, TrainerOptions options)
        where TObjective : IBatchObjective<T>
        where TOptimizer : IOptimizer<T>
        where TSchedule : ILearningRateSchedule
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new(objective, optimizer, schedule, initialParameters, options);
}
