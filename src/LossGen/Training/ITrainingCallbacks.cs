namespace LossGen.Training;

/// <summary>
/// Progress hooks, implemented on a struct and passed as a type argument so the per-step call is
/// direct and can be inlined away when empty; nothing is boxed or allocated per step.
/// </summary>
public interface ITrainingCallbacks
{
    /// <summary>After each step.</summary>
    void OnStep(in StepReport report);

    /// <summary>After each epoch (and its validation); return false to stop training.</summary>
    bool OnEpoch(in EpochReport report);
}
