using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>
/// Focal loss with the focusing parameter as a hyper-parameter, <c>L_i = −(1 − p_i)^γ log p_i</c>:
/// the same declaration as <see cref="FocalLoss"/> but for the exponent, which is now read at run time.
/// </summary>
[Loss]
public partial struct FocalLossGamma
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y, float gamma = 2f)
    {
        var logp = Tensor.Of(i => s[i, y[i]] - LogSumExp(j => s[i, j]));
        return Mean(i => -Pow(1f - Exp(logp[i]), gamma) * logp[i]);
    }
}

/// <summary><c>Σ_k w_k^γ</c> in index notation: the convention of x^γ and its slope at x = 0.</summary>
[Loss]
public partial struct PowerSum
{
    static float Define([Shape("P")] Tensor w, float gamma) => Sum(k => Pow(w[k], gamma));
}

/// <summary>The same written with whole tensors, read by the other front end.</summary>
[Loss]
public partial struct PowerSumWhole
{
    static float Define([Shape("P")] Tensor w, float gamma) => Sum(Pow(w, gamma));
}
