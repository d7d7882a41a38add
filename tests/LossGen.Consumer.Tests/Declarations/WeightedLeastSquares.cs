using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>
/// Weighted least squares with a constant weight per example, normalised by the total weight:
/// <c>Σ_i c_i (wᵀx_i − y_i)² / Σ_i c_i</c>. The denominator is a reduction over constants.
/// </summary>
[Loss]
public partial struct WeightedLeastSquares
{
    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D")] Tensor w, [Const, Shape("N")] Tensor y,
                        [Const, Shape("N")] Tensor c)
        => Sum(i => c[i] * Sqr(Sum(k => X[i, k] * w[k]) - y[i])) / Sum(i => c[i]);
}
