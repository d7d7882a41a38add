using System;

namespace LossGen.Training;

public sealed partial class Trainer<TObjective, TOptimizer, TSchedule, T>
{
    /// <summary>
    /// Trains until <paramref name="epochs"/> epochs have been completed in total (so a resumed
    /// trainer continues where it stopped, finishing a partly done epoch first), early stopping
    /// triggers, or a callback returns false.
    /// </summary>
    /// <param name="epochs">Total epochs to reach, ≥ 0.</param>
    /// <param name="validation">Scored after each epoch; required when <see cref="TrainerOptions.Patience"/> &gt; 0.</param>
    /// <param name="callbacks">Progress hooks; a struct so that per-step calls cost nothing.</param>
    public TrainingResult Fit<TCallbacks>(int epochs, ValidationMetric<T>? validation, ref TCallbacks callbacks)
        where TCallbacks : ITrainingCallbacks
    {
        if (epochs < 0)
        {
            throw new ArgumentException($"epochs must not be negative, but is {epochs}.", nameof(epochs));
        }

        if (_options.Patience > 0 && validation is null)
        {
            throw new ArgumentException("Early stopping (Patience > 0) needs a validation metric.", nameof(validation));
        }

        // The validation metric runs under the same limit as the steps.
        using var degree = Parallelism.LimitIf(_options.DegreeOfParallelism);
        double lastLoss = double.NaN;
        while (!_stopped && _epoch < epochs)
        {
            bool ended;
            double meanLoss;
            do
            {
                ended = StepCore(out StepReport step, out meanLoss);
                callbacks.OnStep(in step);
            }
            while (!ended);

            lastLoss = meanLoss;
            EpochReport report = EndEpoch(meanLoss, validation);
            bool goOn = callbacks.OnEpoch(in report);
            if (_stopped || !goOn)
            {
                break;
            }
        }

        return new TrainingResult(_epoch, _step, _stopped, _bestEpoch, _bestScore, lastLoss);
    }

    /// <summary><see cref="Fit{TCallbacks}"/> with an optional per-epoch delegate and no per-step hook.</summary>
    public TrainingResult Fit(int epochs, ValidationMetric<T>? validation = null, Action<EpochReport>? onEpoch = null)
    {
        var callbacks = new EpochDelegateCallbacks(onEpoch);
        return Fit(epochs, validation, ref callbacks);
    }

    /// <summary>Validation and early-stopping bookkeeping after the epoch that just ended.</summary>
    private EpochReport EndEpoch(double meanLoss, ValidationMetric<T>? validation)
    {
        if (validation is null)
        {
            return new EpochReport(_epoch, _step, meanLoss, double.NaN, false, double.NaN, 0);
        }

        double score = validation(_parameters);
        bool improved = !double.IsNaN(score) && (!_hasBest || (_options.HigherIsBetter
            ? score > _bestScore + _options.MinDelta
            : score < _bestScore - _options.MinDelta));
        if (improved)
        {
            _hasBest = true;
            _bestScore = score;
            _bestEpoch = _epoch;
            _badEpochs = 0;
            _parameters.CopyTo(_best.AsSpan());
        }
        else
        {
            _badEpochs++;
        }

        if (_options.Patience > 0 && _badEpochs >= _options.Patience)
        {
            _stopped = true;
            if (_options.RestoreBestParameters)
            {
                RestoreBest();
            }
        }

        return new EpochReport(_epoch, _step, meanLoss, score, improved, _bestScore, _bestEpoch);
    }
}
