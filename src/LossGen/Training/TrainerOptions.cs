namespace LossGen.Training;

/// <summary>Settings of a <see cref="Trainer{TObjective, TOptimizer, TSchedule, T}"/>; checked when the trainer is built.</summary>
public sealed record TrainerOptions
{
    /// <summary>Rows per step, ≥ 1. A batch larger than the training set is full-batch descent; an epoch's last batch may be smaller.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Seeds the per-epoch shuffles; the same seed gives the same run, bit for bit.</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// Epochs without improvement of the validation score after which training stops and the best
    /// parameters are restored; 0 turns early stopping off. Needs a validation metric.
    /// </summary>
    public int Patience { get; init; }

    /// <summary>An epoch improves only when it beats the best score by more than this (≥ 0).</summary>
    public double MinDelta { get; init; }

    /// <summary>True for scores such as accuracy, false for losses.</summary>
    public bool HigherIsBetter { get; init; } = true;

    /// <summary>When early stopping triggers, put back the parameters of the best epoch.</summary>
    public bool RestoreBestParameters { get; init; } = true;

    /// <summary>Clip each step's gradient to this global L2 norm (PyTorch's clip_grad_norm_); null: no clipping.</summary>
    public double? MaxGradientNorm { get; init; }

    /// <summary>
    /// Stop at the first batch whose loss or global gradient L2 norm is NaN or infinite, by throwing a
    /// <see cref="NonFiniteTrainingException"/> naming the epoch, the batch and its rows, before the
    /// gradient is clipped or the optimizer called: parameters, optimizer state and counters stay as
    /// they were. True by default. The check costs one pass over the gradient per step (none extra
    /// when <see cref="MaxGradientNorm"/> is set: the clipping norm is reused). False restores the
    /// old behaviour: training goes on, and the update spreads NaN into the parameters.
    /// </summary>
    public bool StopOnNonFinite { get; init; } = true;

    /// <summary>
    /// The most threads each step's kernels may use (<see cref="Parallelism.Limit"/> around every step);
    /// null, the default, leaves the calling thread's <see cref="Parallelism.CurrentDegree"/>. The
    /// kernels split outputs, never sums, so training is the same bits at every degree.
    /// </summary>
    public int? DegreeOfParallelism { get; init; }
}
