using System;
using System.Collections.Generic;
using LossGen.Training;

namespace DigitsSoftmax.Training;

/// <summary>Keeps every step's loss (for loss-against-step figures) and hands each epoch on.</summary>
internal readonly struct RecordingCallbacks(List<double> stepLosses, Action<EpochReport> onEpoch) : ITrainingCallbacks
{
    public void OnStep(in StepReport report) => stepLosses.Add(report.Loss);

    public bool OnEpoch(in EpochReport report)
    {
        onEpoch(report);
        return true;
    }
}
