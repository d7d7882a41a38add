using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>A comprehension defined through another comprehension: h = XW, g = tanh(h), L = mean_i Σ_j g_ij².</summary>
[Loss]
public partial struct NestedComprehension
{
    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D", "C")] Tensor W)
    {
        var h = Tensor.Of((i, j) => Sum(k => X[i, k] * W[k, j]));
        var g = Tensor.Of((i, j) => Tanh(h[i, j]));
        return Mean(i => Sum(j => Sqr(g[i, j])));
    }
}

/// <summary>
/// A condition mixing an index comparison and a value comparison: Σ_{j≠y_i, s_ij &gt; s_iy} (s_ij − s_iy),
/// i.e. the Weston–Watkins hinge with Δ = 0 spelled with a guard instead of Max. A scalar local
/// declared with an explicit type scales it.
/// </summary>
[Loss]
public partial struct GuardedHinge
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y)
    {
        float half = 0.5f;
        return half * Mean(i => Sum(j => j != y[i] && s[i, j] > s[i, y[i]] ? s[i, j] - s[i, y[i]] : 0f));
    }
}
