using System;
using System.Collections.Generic;
using LossGen.Training;

namespace DigitsSoftmax.Training;

/// <summary>
/// Trains a linear classifier with LossGen's <see cref="Trainer"/>: the chosen loss as a generated
/// batch objective, the chosen optimizer and schedule, zero start (the objective is convex, and
/// class columns need no symmetry breaking because their labels differ).
/// </summary>
public static class LinearTraining
{
    /// <param name="onEpoch">Called after each epoch, on the training thread.</param>
    public static TrainedRun Train(
        TrainingConfig config, LinearDataset<float> train, LinearDataset<float> validation, Action<EpochMetrics>? onEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        return OptimizerFactory.Create(config.Optimizer, config.LearningRate, new Run(config, train, validation, onEpoch));
    }

    private sealed class Run(TrainingConfig config, LinearDataset<float> train, LinearDataset<float> validation, Action<EpochMetrics>? onEpoch)
        : IOptimizerConsumer<TrainedRun>
    {
        public TrainedRun Use<TOptimizer>(TOptimizer optimizer)
            where TOptimizer : IOptimizer<float> => config.Loss switch
            {
                LossKind.Svm => Fit(new LinearSvmObjective<float>(train, lambda: config.Lambda), optimizer),
                _ => Fit(new LinearSoftmaxObjective<float>(train, config.Lambda), optimizer),
            };

        private TrainedRun Fit<TObjective, TOptimizer>(TObjective objective, TOptimizer optimizer)
            where TObjective : IBatchObjective<float>
            where TOptimizer : IOptimizer<float>
        {
            long stepsPerEpoch = (train.Count + config.BatchSize - 1) / config.BatchSize;
            var schedule = new LearningRateSchedule(config.Schedule, stepsPerEpoch * config.Epochs);
            var options = new TrainerOptions { BatchSize = config.BatchSize, Seed = unchecked((ulong)config.Seed) };
            var trainer = Trainer.Create(objective, optimizer, schedule, new float[train.ParameterCount], options);
            var history = new List<EpochMetrics>(config.Epochs);
            var stepLosses = new List<double>((int)Math.Min(int.MaxValue, stepsPerEpoch * config.Epochs));
            var callbacks = new RecordingCallbacks(stepLosses, report =>
            {
                var metrics = new EpochMetrics(
                    report.Epoch, report.Steps, report.MeanLoss, LinearClassifier.Accuracy(trainer.Parameters, train), report.ValidationScore);
                history.Add(metrics);
                onEpoch?.Invoke(metrics);
            });
            trainer.Fit(config.Epochs, LinearClassifier.AccuracyOn(validation), ref callbacks);
            return new TrainedRun(trainer.Parameters.ToArray(), history, stepLosses, trainer.Steps);
        }
    }
}
