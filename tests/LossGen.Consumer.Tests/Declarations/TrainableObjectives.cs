using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

// Losses over the rows of their [Const] inputs and labels, so each gets a generated Objective<T>
// the trainer can run on mini-batches. None is a built-in.

/// <summary>Focal loss on the scores of a linear model written with MatMul, γ read at run time.</summary>
[Loss]
public partial struct LinearFocal
{
    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D", "C")] Tensor W, [Shape("C")] Tensor b,
                        [Shape("N")] Labels y, float gamma = 2f)
    {
        var s = MatMul(X, W);
        var logp = Tensor.Of(i => s[i, y[i]] + b[y[i]] - LogSumExp(j => s[i, j] + b[j]));
        return Mean(i => -Pow(1f - Exp(logp[i]), gamma) * logp[i]);
    }
}

/// <summary>Multi-label logistic loss: one sigmoid per label against 0/1 targets in a [Const] matrix.</summary>
[Loss]
public partial struct MultiLabelSigmoid
{
    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D", "K")] Tensor W, [Shape("K")] Tensor b,
                        [Const, Shape("N", "K")] Tensor Y)
    {
        var s = Tensor.Of((i, k) => Sum(d => X[i, d] * W[d, k]) + b[k]);
        return Mean(i => Sum(k => Softplus(s[i, k]) - Y[i, k] * s[i, k]));
    }
}

/// <summary>Softmax with a weight per class: the weights are [Const] but not per row, so they are passed whole.</summary>
[Loss]
public partial struct ClassWeightedSoftmax
{
    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D", "C")] Tensor W, [Const, Shape("C")] Tensor classWeight,
                        [Shape("N")] Labels y)
    {
        var s = Tensor.Of((i, j) => Sum(k => X[i, k] * W[k, j]));
        return Mean(i => classWeight[y[i]] * (LogSumExp(j => s[i, j]) - s[i, y[i]]));
    }
}
