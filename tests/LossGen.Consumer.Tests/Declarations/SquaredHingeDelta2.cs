using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>
/// Squared-hinge multiclass SVM with Δ = 2 as the default:
/// <c>(1/N) Σ_i Σ_{j≠y_i} max(0, s_ij − s_{i,y_i} + Δ)²</c>, the square written as Pow(·, 2).
/// </summary>
[Loss]
public partial struct SquaredHingeDelta2
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y, float delta = 2f)
        => Mean(i => Sum(j => j != y[i] ? Pow(Max(0f, s[i, j] - s[i, y[i]] + delta), 2f) : 0f));
}
