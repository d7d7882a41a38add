namespace LossGen.Training;

/// <summary>Callbacks that do nothing; the JIT removes their calls.</summary>
public struct NoCallbacks : ITrainingCallbacks
{
    public readonly void OnStep(in StepReport report)
    {
    }

    public readonly bool OnEpoch(in EpochReport report) => true;
}
