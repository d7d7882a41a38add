using static LossGen.Dsl;

namespace LossGen.Builtins;

/// <summary>Least squares of a linear model: <c>L = (1/N) Σ_i (y_i − wᵀx_i)²</c>.</summary>
[Loss]
public partial struct LeastSquares
{
    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D")] Tensor w, [Const, Shape("N")] Tensor y)
        => Mean(i => Sqr(y[i] - Sum(k => X[i, k] * w[k])));
}
