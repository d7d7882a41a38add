// Gap repro, kept out of the build: an [Optimizer] declaration (DESIGN.md §2's Adam, reduced to
// momentum) is accepted by the compiler, but the generator emits nothing and reports nothing, so
// the optimizer vocabulary (ref state parameters, Step, Pow(beta, t)) cannot be exercised.
// Define LOSSGEN_REPRO_OPTIMIZER to reproduce (CS0117: 'Momentum' does not contain 'Step').
#if LOSSGEN_REPRO_OPTIMIZER
using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Repros;

[Optimizer]
public partial struct Momentum
{
    static void Define(ref float w, float g, ref float m, Step t, float lr = 1e-3f, float beta = 0.9f)
    {
        m = beta * m + (1 - beta) * g;
        w -= lr * m / (1 - Pow(beta, t));
    }
}

public static class OptimizerUse
{
    public static void Run(float[] w, float[] g, float[] m) => Momentum.Step(w, g, m);
}
#endif
