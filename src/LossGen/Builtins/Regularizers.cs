using static LossGen.Dsl;

namespace LossGen.Builtins;

// Regularizers act on a parameter tensor seen as a flat vector of P elements (a [D, C] weight
// matrix is passed with P = D·C), so one declaration serves every rank.

/// <summary>L2 regularization <c>R(W) = Σ W²</c> (gradient 2W).</summary>
[Regularizer]
public partial struct L2
{
    static float Define([Shape("P")] Tensor w) => Sum(k => Sqr(w[k]));
}

/// <summary>L1 regularization <c>R(W) = Σ |W|</c> (subgradient sign(W), 0 at 0).</summary>
[Regularizer]
public partial struct L1
{
    static float Define([Shape("P")] Tensor w) => Sum(k => Abs(w[k]));
}

/// <summary>Elastic net <c>R(W) = Σ β W² + |W|</c>.</summary>
[Regularizer]
public partial struct ElasticNet
{
    static float Define([Shape("P")] Tensor w, float beta = 0.5f) => Sum(k => beta * Sqr(w[k]) + Abs(w[k]));
}
