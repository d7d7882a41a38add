using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>
/// A user's optimizer the generator has never seen (DESIGN.md §2's Adam reduced to momentum with a
/// bias correction): ref state, the step counter and Pow(beta, t).
/// </summary>
[Optimizer]
public partial struct BiasCorrectedMomentum
{
    static void Define(ref float w, float g, ref float m, Step t, float lr = 1e-3f, float beta = 0.9f)
    {
        m = beta * m + (1 - beta) * g;
        w -= lr * m / (1 - Pow(beta, t));
    }
}

/// <summary>A rule with no learning rate at all: its adapter cannot follow a schedule.</summary>
[Optimizer]
public partial struct FixedHalfStep
{
    static void Define(ref float w, float g) => w -= 0.5f * g;
}
