using System;
using LossGen.Builtins;
using LossGen.Optimization;
using LossGen.Training;

namespace DigitsSoftmax;

/// <summary>
/// Mini-batch SGD on the generated <see cref="LinearSoftmax"/> objective
/// (mean cross-entropy + λΣW², bias unregularized), run by LossGen's
/// <see cref="Trainer{TObjective, TOptimizer, TSchedule, T}"/> with the generated <see cref="Sgd"/>
/// update: the trainer owns the batch buffers, the seeded shuffles and the step loop, and this
/// class only connects it to the sample's <see cref="LinearModel"/> and <see cref="Dataset"/>.
/// </summary>
public sealed class SgdTrainer
{
    private readonly LinearModel _model;
    private readonly Trainer<LinearSoftmaxObjective<float>, SgdOptimizer<float>, ConstantLearningRate, float> _trainer;

    public SgdTrainer(LinearModel model, Dataset train, int batchSize, float learningRate, float lambda, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        if (train.FeatureCount != model.FeatureCount || train.ClassCount != model.ClassCount)
        {
            throw new ArgumentException(
                $"train is [{train.Count}, {train.FeatureCount}] with {train.ClassCount} classes; the model is [{model.FeatureCount}, {model.ClassCount}].",
                nameof(train));
        }

        _model = model;
        var data = new LinearDataset<float>(train.Features, train.Labels, train.FeatureCount, train.ClassCount);

        // The trainer's flat parameters are [W | b], the model's two arrays one after the other.
        float[] start = [.. model.Weights, .. model.Bias];
        _trainer = Trainer.Create(new LinearSoftmaxObjective<float>(data, lambda), new SgdOptimizer<float>(learningRate),
            new ConstantLearningRate(), start, new TrainerOptions { BatchSize = batchSize, Seed = unchecked((ulong)seed) });
    }

    /// <summary>The batch size in use; one larger than the training set is full-batch descent.</summary>
    public int BatchSize => _trainer.BatchSize;

    /// <summary>Parameter updates made so far.</summary>
    public long Steps => _trainer.Steps;

    /// <summary>
    /// One pass over the training set in a fresh seeded order; the last batch may be smaller.
    /// Returns the mean objective over the epoch's rows, each batch's value taken before its update,
    /// and leaves the model holding the new weights.
    /// </summary>
    public double RunEpoch()
    {
        TrainingResult result = _trainer.Fit(_trainer.Epochs + 1);
        int weights = _model.Weights.Length;
        _trainer.Parameters[..weights].CopyTo(_model.Weights);
        _trainer.Parameters[weights..].CopyTo(_model.Bias);
        return result.LastMeanLoss;
    }
}
