namespace LossGen.Training;

/// <summary>Callbacks that do nothing; the JIT removes their calls.</summary>
public struct NoCallbacks : ITrainingCallbacks
{
    /// <summary>Does nothing.</summary>
    public readonly void OnStep(in StepReport report)
    {
    }

    /// <summary>Does nothing.</summary>
    /// <returns>Always true: training continues.</returns>
    public readonly bool OnEpoch(in EpochReport report) => true;
}
