using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace LossGen.Training;

/// <summary>
/// A training step met a batch whose loss or gradient norm is NaN or infinite, and the trainer
/// stopped before updating anything (issue 12: NaN or ∞ must never train silently). Thrown by
/// <see cref="Trainer{TObjective, TOptimizer, TSchedule, T}.Step"/> and
/// <see cref="Trainer{TObjective, TOptimizer, TSchedule, T}.Fit(int, ValidationMetric{T}?, Action{EpochReport}?)"/>
/// when <see cref="TrainerOptions.StopOnNonFinite"/> is true (the default).
/// </summary>
/// <remarks>
/// The parameters, the optimizer state, the step counter, the position in the epoch, the running
/// epoch loss and the epoch's order are exactly as they were before the failed step, so after the
/// data (or the learning rate) is fixed the same trainer can continue: the next step retries the
/// same batch.
/// </remarks>
public sealed class NonFiniteTrainingException : Exception
{
    /// <summary>How many row indices the message lists before "…and N more".</summary>
    public const int RowsInMessage = 10;

    /// <summary>Creates the exception; the message is built from the arguments.</summary>
    /// <param name="epoch">The 0-based epoch of the failed batch.</param>
    /// <param name="batchInEpoch">The 0-based index of the batch within that epoch.</param>
    /// <param name="step">The 1-based number the update would have had (<c>Steps + 1</c>).</param>
    /// <param name="rows">The training-set row indices of the batch, in batch order.</param>
    /// <param name="loss">The batch's loss as computed.</param>
    /// <param name="gradientNorm">The global L2 norm of the batch's gradient.</param>
    public NonFiniteTrainingException(int epoch, int batchInEpoch, long step, IReadOnlyList<int> rows, double loss, double gradientNorm)
        : base(BuildMessage(epoch, batchInEpoch, step, rows, loss, gradientNorm))
    {
        Epoch = epoch;
        BatchInEpoch = batchInEpoch;
        Step = step;
        Rows = rows;
        Loss = loss;
        GradientNorm = gradientNorm;
    }

    /// <summary>The 0-based epoch of the failed batch (<c>Epochs</c> of the trainer when it threw).</summary>
    public int Epoch { get; }

    /// <summary>The 0-based index of the failed batch within its epoch.</summary>
    public int BatchInEpoch { get; }

    /// <summary>
    /// The 1-based number the update would have had, counted like <see cref="StepReport.Step"/>:
    /// the trainer's <c>Steps</c> is still one less, because the update was not made.
    /// </summary>
    public long Step { get; }

    /// <summary>The training-set row indices (into the objective's data) of the failed batch, in batch order.</summary>
    public IReadOnlyList<int> Rows { get; }

    /// <summary>The batch's loss as the objective returned it (may be finite when only the gradient is not).</summary>
    public double Loss { get; }

    /// <summary>The global L2 norm of the batch's gradient (may be finite when only the loss is not).</summary>
    public double GradientNorm { get; }

    private static string BuildMessage(int epoch, int batchInEpoch, long step, IReadOnlyList<int> rows, double loss, double gradientNorm)
    {
        ArgumentNullException.ThrowIfNull(rows);
        CultureInfo inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        string what = !double.IsFinite(loss) && !double.IsFinite(gradientNorm) ? "loss and gradient norm are"
            : !double.IsFinite(loss) ? "loss is" : "gradient norm is";
        sb.Append(inv, $"Non-finite training step: the {what} not finite (loss {loss.ToString("R", inv)}, gradient norm {gradientNorm.ToString("R", inv)}) ");
        sb.Append(inv, $"at epoch {epoch}, batch {batchInEpoch} of the epoch (step {step}); ");
        sb.Append(inv, $"the batch's {rows.Count} training row(s): ");
        int shown = Math.Min(rows.Count, RowsInMessage);
        for (int i = 0; i < shown; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(rows[i].ToString(inv));
        }

        if (rows.Count > shown)
        {
            sb.Append(inv, $" …and {rows.Count - shown} more");
        }

        sb.Append(". Parameters and optimizer state are unchanged. Check these rows for NaN, ∞ or extreme values, or lower the learning rate; ");
        sb.Append("TrainerOptions.StopOnNonFinite = false trains on regardless.");
        return sb.ToString();
    }
}
