using static LossGen.Dsl;

namespace LossGen.Benchmarks.Experiments;

/// <summary>
/// Adam exactly as the built-in but without the weight-decay term, compiled by the generator in
/// this project: separates what the two extra operations of LossGen.Builtins.Adam cost from
/// what the generated loop costs, against the hand-written <see cref="AdamCeilingKernels.Plain"/>.
/// </summary>
[Optimizer]
public partial struct AdamRuleOnly
{
    static void Define(ref float w, float g, ref float m, ref float v, Step t,
                       float lr = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f)
    {
        m = beta1 * m + (1 - beta1) * g;
        v = beta2 * v + (1 - beta2) * g * g;
        w -= lr / (1 - Pow(beta1, t)) * m / (Sqrt(v) / Sqrt(1 - Pow(beta2, t)) + eps);
    }
}
