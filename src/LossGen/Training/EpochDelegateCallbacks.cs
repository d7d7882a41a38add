using System;

namespace LossGen.Training;

/// <summary>Calls a delegate once per epoch (a delegate per epoch costs nothing that matters); ignores steps.</summary>
public readonly struct EpochDelegateCallbacks : ITrainingCallbacks
{
    private readonly Action<EpochReport>? _onEpoch;

    public EpochDelegateCallbacks(Action<EpochReport>? onEpoch) => _onEpoch = onEpoch;

    public void OnStep(in StepReport report)
    {
    }

    public bool OnEpoch(in EpochReport report)
    {
        _onEpoch?.Invoke(report);
        return true;
    }
}
