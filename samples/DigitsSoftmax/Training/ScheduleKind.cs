namespace DigitsSoftmax.Training;

/// <summary>How the learning rate changes over the run; see <see cref="LearningRateSchedule"/>.</summary>
public enum ScheduleKind
{
    Constant,
    Step,
    Exponential,
    Cosine,
    Warmup,
}
