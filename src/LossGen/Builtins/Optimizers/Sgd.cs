using static LossGen.Dsl;

namespace LossGen.Builtins;

/// <summary>
/// (Mini-batch) stochastic gradient descent, PyTorch's <c>SGD(lr, weight_decay)</c>:
/// <code>
/// w ← w − lr · (g + λ w)
/// </code>
/// λ (<c>weightDecay</c>) is PyTorch's <c>weight_decay</c>: the gradient of the L2 penalty ½λ‖w‖²
/// added to g, fused into the same pass. For plain SGD this is also exactly decoupled weight decay,
/// w ← (1 − lr·λ) w − lr·g.
/// </summary>
[Optimizer]
public partial struct Sgd
{
    static void Define(ref float w, float g, float lr = 1e-2f, float weightDecay = 0f)
    {
        w -= lr * (g + weightDecay * w);
    }
}
