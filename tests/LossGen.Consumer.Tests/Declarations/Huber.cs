using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>
/// Huber loss on the residuals of a linear model, written with the conditional operator on a
/// value comparison: ½r² inside the band |r| ≤ δ, δ(|r| − ½δ) outside. The residuals are a
/// rank-1 named comprehension, read in both branches and in the condition.
/// </summary>
[Loss]
public partial struct HuberRegression
{
    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D")] Tensor w, [Const, Shape("N")] Tensor y, float delta = 1f)
    {
        var r = Tensor.Of(i => y[i] - Sum(k => X[i, k] * w[k]));
        return Mean(i => Abs(r[i]) <= delta ? 0.5f * Sqr(r[i]) : delta * (Abs(r[i]) - 0.5f * delta));
    }
}

/// <summary>
/// The same Huber function written without a conditional: with a = |p − t| and q = min(a, δ),
/// huber = ½q² + δ(a − q). Predictions p are the differentiable tensor, targets t are constant.
/// </summary>
[Loss]
public partial struct HuberMinMax
{
    static float Define([Shape("N")] Tensor p, [Const, Shape("N")] Tensor t, float delta = 1f)
        => Mean(i => 0.5f * Sqr(Min(Abs(p[i] - t[i]), delta)) + delta * (Abs(p[i] - t[i]) - Min(Abs(p[i] - t[i]), delta)));
}
