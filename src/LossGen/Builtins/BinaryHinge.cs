using static LossGen.Dsl;

namespace LossGen.Builtins;

/// <summary>
/// The binary hinge loss of a linear classifier on labels ±1:
/// <c>L = (1/N) Σ_i max(0, 1 − y_i · wᵀx_i)</c>.
/// </summary>
[Loss]
public partial struct BinaryHinge
{
    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D")] Tensor w, [Const, Shape("N")] Tensor y)
        => Mean(i => Max(0f, 1f - y[i] * Sum(k => X[i, k] * w[k])));
}
