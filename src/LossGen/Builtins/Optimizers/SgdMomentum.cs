using static LossGen.Dsl;

namespace LossGen.Builtins;

/// <summary>
/// SGD with momentum, PyTorch's <c>SGD(lr, momentum, weight_decay)</c> (dampening 0):
/// <code>
/// v ← ρ v + (g + λ w)
/// w ← w − lr · v
/// </code>
/// The velocity v is lr-free, so a learning-rate schedule scales past steps too. The seed's
/// formulation <c>v ← ρ v − lr·g; w ← w + v</c> keeps −lr·v instead and, with a constant lr,
/// produces the same weights (a test checks it). λ is PyTorch's weight_decay, the L2 gradient
/// added to g. ρ defaults to 0.9 (PyTorch's default 0 would make this plain SGD).
/// </summary>
[Optimizer]
public partial struct SgdMomentum
{
    static void Define(ref float w, float g, ref float v, float lr = 1e-2f, float momentum = 0.9f, float weightDecay = 0f)
    {
        v = momentum * v + (g + weightDecay * w);
        w -= lr * v;
    }
}
