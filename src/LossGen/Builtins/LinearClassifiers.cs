using static LossGen.Dsl;

namespace LossGen.Builtins;

/// <summary>
/// The full objective of a linear SVM classifier with scores <c>s = XW + b</c>:
/// <c>L = (1/N) Σ_i Σ_{j≠y_i} max(0, s_ij − s_{i,y_i} + Δ) + λ Σ W²</c>; the bias is not regularized.
/// Gradients dW and db.
/// </summary>
[Loss]
public partial struct LinearSvm
{
    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D", "C")] Tensor W, [Shape("C")] Tensor b,
                        [Shape("N")] Labels y, float delta = 1f, float lambda = 1e-3f)
    {
        var s = Tensor.Of((i, j) => Sum(k => X[i, k] * W[k, j]) + b[j]);
        return Mean(i => Sum(j => j == y[i] ? 0f : Max(0f, s[i, j] - s[i, y[i]] + delta)))
               + lambda * Sum((k, j) => Sqr(W[k, j]));
    }
}

/// <summary>
/// The full objective of a linear softmax classifier with scores <c>s = XW + b</c>:
/// <c>L = (1/N) Σ_i (logsumexp_j s_ij − s_{i,y_i}) + λ Σ W²</c>; the bias is not regularized.
/// Gradients dW and db.
/// </summary>
[Loss]
public partial struct LinearSoftmax
{
    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D", "C")] Tensor W, [Shape("C")] Tensor b,
                        [Shape("N")] Labels y, float lambda = 1e-3f)
    {
        var s = Tensor.Of((i, j) => Sum(k => X[i, k] * W[k, j]) + b[j]);
        return Mean(i => LogSumExp(j => s[i, j]) - s[i, y[i]]) + lambda * Sum((k, j) => Sqr(W[k, j]));
    }
}
