using static LossGen.Dsl;

namespace LossGen.Builtins;

/// <summary>
/// AdamW with decoupled weight decay in the convention of Loshchilov &amp; Hutter's paper
/// ("Decoupled Weight Decay Regularization", Algorithm 2): both the Adam step and the decay are
/// scaled by the schedule multiplier η_t, and the decay is not scaled by the base rate α:
/// <code>
/// m ← β₁ m + (1 − β₁) g
/// v ← β₂ v + (1 − β₂) g²
/// w ← w − η_t · (α · m̂ / (√v̂ + ε) + λ w)
/// </code>
/// So λ here is a fraction per step at full schedule, typically much smaller than PyTorch's
/// weight_decay; there is no default, so it is always chosen on purpose. Pass a schedule's
/// multiplier (<see cref="Optimization.ILearningRateSchedule.Multiplier"/>) as
/// <c>scheduleMultiplier</c> and the base rate as <c>lr</c>. PyTorch's convention is
/// <see cref="AdamWTorch"/>; with a constant schedule the two agree when λ_paper = lr · λ_torch.
/// </summary>
[Optimizer]
public partial struct AdamWPaper
{
    static void Define(ref float w, float g, ref float m, ref float v, Step t, float weightDecay,
                       float lr = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f, float scheduleMultiplier = 1f)
    {
        m = beta1 * m + (1 - beta1) * g;
        v = beta2 * v + (1 - beta2) * g * g;
        w -= scheduleMultiplier * (lr / (1 - Pow(beta1, t)) * m / (Sqrt(v) / Sqrt(1 - Pow(beta2, t)) + eps) + weightDecay * w);
    }
}
