using System;
using LossGen.Builtins;

namespace DigitsSoftmax;

/// <summary>
/// Mini-batch SGD on the generated <see cref="LinearSoftmax"/> objective
/// (mean cross-entropy + λΣW², bias unregularized). Every buffer is allocated here, once, so a
/// step only copies rows and runs the fused kernel.
/// </summary>
public sealed class SgdTrainer
{
    private readonly LinearModel _model;
    private readonly Dataset _train;
    private readonly float _learningRate;
    private readonly float _lambda;
    private readonly int[] _order;
    private readonly float[] _batchX;
    private readonly int[] _batchY;
    private readonly float[] _dW;
    private readonly float[] _db;

    public SgdTrainer(LinearModel model, Dataset train, int batchSize, float learningRate, float lambda)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (train.FeatureCount != model.FeatureCount || train.ClassCount != model.ClassCount)
        {
            throw new ArgumentException(
                $"train is [{train.Count}, {train.FeatureCount}] with {train.ClassCount} classes; the model is [{model.FeatureCount}, {model.ClassCount}].",
                nameof(train));
        }

        _model = model;
        _train = train;
        _learningRate = learningRate;
        _lambda = lambda;

        // A batch larger than the training set is plain full-batch gradient descent.
        BatchSize = Math.Min(batchSize, train.Count);
        _order = new int[train.Count];
        for (int i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        _batchX = new float[BatchSize * train.FeatureCount];
        _batchY = new int[BatchSize];
        _dW = new float[model.Weights.Length];
        _db = new float[model.Bias.Length];
    }

    public int BatchSize { get; }

    /// <summary>Parameter updates made so far.</summary>
    public long Steps { get; private set; }

    /// <summary>
    /// One pass over the training set in a fresh random order; the last batch may be smaller.
    /// Returns the mean objective over the epoch's rows, each batch's value taken before its update.
    /// </summary>
    public double RunEpoch(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        rng.Shuffle(_order);
        int d = _train.FeatureCount;
        double weightedLoss = 0;
        for (int start = 0; start < _order.Length; start += BatchSize)
        {
            int n = Math.Min(BatchSize, _order.Length - start);
            for (int i = 0; i < n; i++)
            {
                int row = _order[start + i];
                _train.Row(row).CopyTo(_batchX.AsSpan(i * d, d));
                _batchY[i] = _train.Labels[row];
            }

            // The kernel overwrites dW and db, so they need no clearing between steps.
            float loss = LinearSoftmax.ValueAndGradient(
                _batchX.AsSpan(0, n * d), _model.Weights, _model.Bias, _batchY.AsSpan(0, n),
                n, d, _model.ClassCount, _dW, _db, _lambda);
            weightedLoss += (double)loss * n;
            Descend(_model.Weights, _dW);
            Descend(_model.Bias, _db);
            Steps++;
        }

        return weightedLoss / _order.Length;
    }

    // Plain SGD, w ← w − lr·g; the optimizer generator will replace this.
    private void Descend(Span<float> w, ReadOnlySpan<float> g)
    {
        for (int i = 0; i < w.Length; i++)
        {
            w[i] -= _learningRate * g[i];
        }
    }
}
