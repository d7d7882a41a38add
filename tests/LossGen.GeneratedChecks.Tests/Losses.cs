using LossGen;
using static LossGen.Dsl;

namespace GeneratedChecks;

// Declarations whose gradient-check tests are generated (LossGenEmitTests in the project file):
// hinge kinks, a label scatter, a softmax, |x|, a ReLU and a comprehension. No test is written
// by hand here; each struct gets a <Name>GradientCheck class.

[Loss]
public partial struct Svm
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y, float delta = 1f)
        => Mean(i => Sum(j => j == y[i] ? 0f : Max(0f, s[i, j] - s[i, y[i]] + delta)));
}

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

[Loss]
public partial struct Huber
{
    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D")] Tensor w, [Const, Shape("N")] Tensor t, float delta = 1f)
    {
        var r = Tensor.Of(i => Sum(k => X[i, k] * w[k]) - t[i]);
        return Mean(i => Abs(r[i]) <= delta ? 0.5f * Sqr(r[i]) : delta * (Abs(r[i]) - 0.5f * delta));
    }
}

[Regularizer]
public partial struct ElasticNetWithRelu
{
    static float Define([Shape("P")] Tensor w, float beta)
        => Sum(k => beta * Sqr(w[k]) + Abs(w[k]) + Relu(w[k] - 0.5f));
}
