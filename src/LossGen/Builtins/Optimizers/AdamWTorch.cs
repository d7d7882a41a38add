using static LossGen.Dsl;

namespace LossGen.Builtins;

/// <summary>
/// AdamW with decoupled weight decay in PyTorch's convention, <c>torch.optim.AdamW</c>: the decay
/// is scaled by the learning rate lr (which already includes any schedule):
/// <code>
/// w ← (1 − lr · λ) w
/// m ← β₁ m + (1 − β₁) g
/// v ← β₂ v + (1 − β₂) g²
/// w ← w − lr · m̂ / (√v̂ + ε)
/// </code>
/// Loshchilov &amp; Hutter's paper scales the decay by the schedule multiplier η_t only, not by the
/// base rate: that is <see cref="AdamWPaper"/>. The two agree when λ_torch · lr = λ_paper · η_t.
/// Unlike L2 (<see cref="Adam"/> with weightDecay), the decay bypasses the adaptive scaling by
/// √v̂, so weights with large gradients are decayed as much as the rest.
/// </summary>
[Optimizer]
public partial struct AdamWTorch
{
    static void Define(ref float w, float g, ref float m, ref float v, Step t,
                       float lr = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f, float weightDecay = 1e-2f)
    {
        w *= 1 - lr * weightDecay;
        m = beta1 * m + (1 - beta1) * g;
        v = beta2 * v + (1 - beta2) * g * g;
        w -= lr / (1 - Pow(beta1, t)) * m / (Sqrt(v) / Sqrt(1 - Pow(beta2, t)) + eps);
    }
}
