using LossGen;
using static LossGen.Dsl;

namespace GeneratedChecks;

// User optimizers (not built-ins): the generator emits a <Name>StepCheck xUnit class for each,
// checking the vectorized Step against the rule as declared and the float step against the double one.

/// <summary>Adamax (Kingma &amp; Ba, §7.1): Adam with the infinity norm, u ← max(β₂u, |g| + ε) as PyTorch keeps it.</summary>
[Optimizer]
public partial struct Adamax
{
    static void Define(ref float w, float g, ref float m, ref float u, Step t,
                       float lr = 2e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f)
    {
        m = beta1 * m + (1 - beta1) * g;
        u = Max(beta2 * u, Abs(g) + eps);
        w -= lr / (1 - Pow(beta1, t)) * m / u;
    }
}

/// <summary>
/// Lion (Chen et al., "Symbolic Discovery of Optimization Algorithms"): the sign of an
/// interpolated momentum, decoupled weight decay, and the momentum updated after the step.
/// </summary>
[Optimizer]
public partial struct Lion
{
    static void Define(ref float w, float g, ref float m, float lr = 1e-4f, float beta1 = 0.9f, float beta2 = 0.99f, float weightDecay = 0.01f)
    {
        var c = beta1 * m + (1 - beta1) * g;
        w -= lr * (Sign(c) + weightDecay * w);
        m = beta2 * m + (1 - beta2) * g;
    }
}

/// <summary>
/// AMSGrad (Reddi et al.): Adam whose denominator uses the running maximum of the second moment,
/// so the effective rate never grows; bias-corrected as PyTorch's amsgrad=True.
/// </summary>
[Optimizer]
public partial struct AmsGrad
{
    static void Define(ref float w, float g, ref float m, ref float v, ref float vMax, Step t,
                       float lr = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f)
    {
        m = beta1 * m + (1 - beta1) * g;
        v = beta2 * v + (1 - beta2) * g * g;
        vMax = Max(vMax, v);
        w -= lr / (1 - Pow(beta1, t))
             * m / (Sqrt(vMax) / Sqrt(1 - Pow(beta2, t)) + eps);
    }
}

/// <summary>
/// A rule with a hyper-parameter that has no default, a conditional and an elementwise exp:
/// gradient steps scaled by exp(−|w|·λ) only where the gradient and the weight agree in sign.
/// </summary>
[Optimizer]
public partial struct ShrinkingSteps
{
    static void Define(ref float w, float g, float lambda, float lr = 0.05f)
        => w -= g * w > 0 ? lr * g * Exp(-Abs(w) * lambda) : lr * g;
}
