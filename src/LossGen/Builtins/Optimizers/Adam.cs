using static LossGen.Dsl;

namespace LossGen.Builtins;

/// <summary>
/// Adam with bias correction (Kingma &amp; Ba), PyTorch's <c>Adam(lr, betas, eps, weight_decay)</c>;
/// t counts steps from 1:
/// <code>
/// g ← g + λ w                      (L2, PyTorch's weight_decay; 0 by default)
/// m ← β₁ m + (1 − β₁) g
/// v ← β₂ v + (1 − β₂) g²
/// w ← w − lr · m̂ / (√v̂ + ε),   m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)
/// </code>
/// The last line is written as PyTorch evaluates it, (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε),
/// which is the same number up to rounding and leaves only a multiply, a square root and two
/// divisions per element: lr / (1 − β₁ᵗ) and √(1 − β₂ᵗ) are computed once per step.
/// With λ ≠ 0 this is Adam with L2 regularization, which is not weight decay: see <see cref="AdamWTorch"/>.
/// </summary>
[Optimizer]
public partial struct Adam
{
    static void Define(ref float w, float g, ref float m, ref float v, Step t,
                       float lr = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f, float weightDecay = 0f)
    {
        var d = g + weightDecay * w;
        m = beta1 * m + (1 - beta1) * d;
        v = beta2 * v + (1 - beta2) * d * d;
        w -= lr / (1 - Pow(beta1, t)) * m / (Sqrt(v) / Sqrt(1 - Pow(beta2, t)) + eps);
    }
}
