using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>
/// The remaining scalar vocabulary in one declaration that returns double: a Poisson negative
/// log-likelihood <c>mean_i exp(z_i) − t_i z_i</c> with z = Xw, plus <c>log(1 + ‖w‖²/scale)</c>
/// and <c>‖w‖²/(‖w‖² + 1)</c> through a scalar local used three times (division by a
/// differentiable value), plus <c>power · mean_i relu(z_i − ½)</c> with an int hyper-parameter,
/// a cast and a unary plus.
/// </summary>
[Loss]
public partial struct PoissonMix
{
    static double Define([Const, Shape("N", "D")] Tensor X, [Shape("D")] Tensor w, [Const, Shape("N")] Tensor t,
                         double scale = 2.0, int power = 3)
    {
        var z = Tensor.Of(i => Sum(k => X[i, k] * w[k]));
        var norm = Sum(k => Sqr(w[k]));
        return Mean(i => Exp(z[i]) - t[i] * z[i])
               + Log(1f + (float)(norm / scale))
               + norm / (norm + 1f)
               + power * Mean(i => +Relu(z[i] - 0.5f));
    }
}
