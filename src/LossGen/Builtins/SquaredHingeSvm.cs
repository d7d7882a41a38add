using static LossGen.Dsl;

namespace LossGen.Builtins;

/// <summary>
/// The squared-hinge multiclass SVM: <c>L = (1/N) Σ_i Σ_{j≠y_i} max(0, s_ij − s_{i,y_i} + Δ)²</c>,
/// which penalises violated margins quadratically and is differentiable at the margin.
/// </summary>
[Loss]
public partial struct SquaredHingeSvm
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y, float delta = 1f)
        => Mean(i => Sum(j => j == y[i] ? 0f : Sqr(Max(0f, s[i, j] - s[i, y[i]] + delta))));
}
