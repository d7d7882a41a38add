using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>
/// Softmax cross-entropy exactly as on the slide, <c>L_i = −log(e^{s_{y_i}} / Σ_j e^{s_j})</c>:
/// a user has no reason to know that only the <c>Log(Sum(Exp(·)))</c> spelling is stabilized.
/// </summary>
// LG0303 tells a user to write the log-softmax form; this declaration keeps the slide's form on
// purpose, to test that the compiler stabilizes it anyway.
#pragma warning disable LG0303
[Loss]
public partial struct SlideSoftmax
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y)
        => Mean(i => -Log(Exp(s[i, y[i]]) / Sum(j => Exp(s[i, j]))));
}
#pragma warning restore LG0303

/// <summary>Logistic loss written as −log σ(y·wᵀx), the other common spelling.</summary>
[Loss]
public partial struct LogSigmoidLogistic
{
    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D")] Tensor w, [Const, Shape("N")] Tensor y)
        => Mean(i => -Log(Sigmoid(y[i] * Sum(k => X[i, k] * w[k]))));
}
