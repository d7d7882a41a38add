using static LossGen.Dsl;

namespace LossGen.Builtins;

/// <summary>
/// Nesterov momentum in the seed's change of variables, which evaluates the gradient at the
/// current weights instead of at the look-ahead point:
/// <code>
/// v_prev ← v
/// v ← ρ v − lr · (g + λ w)
/// w ← w − ρ v_prev + (1 + ρ) v
/// </code>
/// This is PyTorch's <c>SGD(nesterov=True)</c>, whose buffer b (b ← ρ b + g; w ← w − lr (g + ρ b))
/// is v = −lr·b: substituting gives w − ρ v_prev + (1+ρ) v = w − lr (g + ρ b). The weights agree
/// exactly for a constant lr; under a schedule the two differ, because v has the past rates baked in.
/// λ is PyTorch's weight_decay (L2 gradient added to g); ρ defaults to 0.9.
/// </summary>
[Optimizer]
public partial struct Nesterov
{
    static void Define(ref float w, float g, ref float v, float lr = 1e-2f, float momentum = 0.9f, float weightDecay = 0f)
    {
        var vPrev = v;
        v = momentum * v - lr * (g + weightDecay * w);
        w += -momentum * vPrev + (1 + momentum) * v;
    }
}
