using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

// The forms a linear model's contraction takes, each compiled to the blocked contraction kernels:
// W stored class by class, X stored column by column, the numpy MatMul, and a product whose two
// operands are both differentiable (so dX is derived too).

/// <summary>Softmax classifier with W declared [C, D]: <c>s_ij = Σ_k X[i, k]·W[j, k] + b[j]</c>.</summary>
[Loss]
public partial struct SoftmaxWeightsByClass
{
    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("C", "D")] Tensor W, [Shape("C")] Tensor b, [Shape("N")] Labels y)
    {
        var s = Tensor.Of((i, j) => Sum(k => X[i, k] * W[j, k]) + b[j]);
        return Mean(i => LogSumExp(j => s[i, j]) - s[i, y[i]]);
    }
}

/// <summary>Softmax classifier with X stored column-major, [D, N].</summary>
[Loss]
public partial struct SoftmaxColumnMajorX
{
    static float Define([Const, Shape("D", "N")] Tensor X, [Shape("D", "C")] Tensor W, [Shape("C")] Tensor b, [Shape("N")] Labels y)
    {
        var s = Tensor.Of((i, j) => Sum(k => X[k, i] * W[k, j]) + b[j]);
        return Mean(i => LogSumExp(j => s[i, j]) - s[i, y[i]]);
    }
}

/// <summary>The built-in LinearSoftmax without its penalty, written with MatMul.</summary>
[Loss]
public partial struct SoftmaxMatMul
{
    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D", "C")] Tensor W, [Shape("C")] Tensor b, [Shape("N")] Labels y)
    {
        var s = MatMul(X, W);
        return Mean(i => LogSumExp(j => s[i, j] + b[j]) - (s[i, y[i]] + b[y[i]]));
    }
}

/// <summary>A low-rank factorization fitted by least squares: both factors differentiable.</summary>
[Loss]
public partial struct FactorizedLeastSquares
{
    static float Define([Shape("N", "D")] Tensor A, [Shape("D", "C")] Tensor B, [Const, Shape("N", "C")] Tensor T)
        => Sum((i, j) => Sqr(Sum(k => A[i, k] * B[k, j]) - T[i, j]));
}
