using System;

namespace LossGen.Training;

/// <summary>Calls a delegate once per epoch (a delegate per epoch costs nothing that matters); ignores steps.</summary>
public readonly struct EpochDelegateCallbacks : ITrainingCallbacks
{
    private readonly Action<EpochReport>? _onEpoch;

    /// <summary>Callbacks that pass each epoch's report to <paramref name="onEpoch"/>.</summary>
    /// <param name="onEpoch">Called after every epoch; null to do nothing. Training always continues.</param>
    public EpochDelegateCallbacks(Action<EpochReport>? onEpoch) => _onEpoch = onEpoch;

    /// <summary>Does nothing: only epochs are reported.</summary>
    public void OnStep(in StepReport report)
    {
    }

    /// <summary>Invokes the delegate (if any) with <paramref name="report"/>.</summary>
    /// <returns>Always true: training continues.</returns>
    public bool OnEpoch(in EpochReport report)
    {
        _onEpoch?.Invoke(report);
        return true;
    }
}
