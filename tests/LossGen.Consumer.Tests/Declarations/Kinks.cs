using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

// Declarations evaluated exactly at their kinks, to pin the subgradient conventions the generator
// documents (Differentiate.cs, docs/subgradients.md) as a user observes them.

/// <summary>Every pointwise kink at once: Abs, Relu, Max(0, ·) and Min(·, 0), each on its own element.</summary>
[Loss]
public partial struct PointwiseKinks
{
    static float Define([Shape("N")] Tensor a, [Shape("N")] Tensor b, [Shape("N")] Tensor c, [Shape("N")] Tensor d)
        => Sum(i => Abs(a[i]) + Relu(b[i]) + Max(0f, c[i]) + Min(d[i], 0f));
}

/// <summary>Max(a, b) of two differentiable tensors: at a tie the first argument gets the adjoint.</summary>
[Loss]
public partial struct PairMax
{
    static float Define([Shape("N")] Tensor a, [Shape("N")] Tensor b) => Sum(i => Max(a[i], b[i]) - 2f * Min(a[i], b[i]));
}

/// <summary>The Euclidean norm ‖w‖ (group-lasso style), whose derivative w/‖w‖ is 0/0 at w = 0.</summary>
[Regularizer]
public partial struct EuclideanNorm
{
    static float Define([Shape("P")] Tensor w) => Sqrt(Sum(k => Sqr(w[k])));
}

/// <summary>The largest element: the loss is the Max itself, so the sign of a zero maximum shows.</summary>
[Loss]
public partial struct LargestElement
{
    static float Define([Shape("C")] Tensor s) => Max(j => s[j]);
}
