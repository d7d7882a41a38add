using static LossGen.Dsl;

namespace LossGen.Builtins;

/// <summary>
/// AdaGrad (Duchi et al.), PyTorch's <c>Adagrad(lr, lr_decay, weight_decay, eps)</c> with initial
/// accumulator 0; t counts steps from 1:
/// <code>
/// g ← g + λ w
/// s ← s + g²
/// w ← w − lr_t · g / (√s + ε),   lr_t = lr / (1 + (t − 1) · lr_decay)
/// </code>
/// ε is added outside the square root, as in PyTorch.
/// </summary>
[Optimizer]
public partial struct AdaGrad
{
    static void Define(ref float w, float g, ref float sum, Step t,
                       float lr = 1e-2f, float lrDecay = 0f, float weightDecay = 0f, float eps = 1e-10f)
    {
        var d = g + weightDecay * w;
        sum += d * d;
        w -= lr / (1 + (t - 1) * lrDecay) * d / (Sqrt(sum) + eps);
    }
}
