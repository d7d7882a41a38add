using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>An L1 + L2 mix on a [D, C] matrix, indexed with two index variables: <c>Σ_kj a|W_kj| + b W_kj²</c>.</summary>
[Regularizer]
public partial struct MatrixElasticMix
{
    static float Define([Shape("D", "C")] Tensor W, float l1 = 0.01f, float l2 = 0.5f)
        => Sum((k, j) => l1 * Abs(W[k, j]) + l2 * Sqr(W[k, j]));
}
