using static LossGen.Dsl;

namespace LossGen.Builtins;

/// <summary>
/// RMSProp with momentum, PyTorch's <c>RMSprop(lr, alpha, eps, weight_decay, momentum)</c>, not centered:
/// <code>
/// g ← g + λ w
/// s ← α s + (1 − α) g²
/// b ← ρ b + g / (√s + ε)
/// w ← w − lr · b
/// </code>
/// ρ defaults to 0.9 (PyTorch's default 0 is <see cref="RmsProp"/>).
/// </summary>
[Optimizer]
public partial struct RmsPropMomentum
{
    static void Define(ref float w, float g, ref float squareAvg, ref float buffer,
                       float lr = 1e-2f, float alpha = 0.99f, float eps = 1e-8f, float momentum = 0.9f, float weightDecay = 0f)
    {
        var d = g + weightDecay * w;
        squareAvg = alpha * squareAvg + (1 - alpha) * d * d;
        buffer = momentum * buffer + d / (Sqrt(squareAvg) + eps);
        w -= lr * buffer;
    }
}
