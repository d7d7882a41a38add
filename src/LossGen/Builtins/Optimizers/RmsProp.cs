using static LossGen.Dsl;

namespace LossGen.Builtins;

/// <summary>
/// RMSProp (Hinton), leaky: PyTorch's <c>RMSprop(lr, alpha, eps, weight_decay)</c>, not centered,
/// no momentum:
/// <code>
/// g ← g + λ w
/// s ← α s + (1 − α) g²
/// w ← w − lr · g / (√s + ε)
/// </code>
/// ε is added outside the square root, as in PyTorch (Keras and the original slides put it inside).
/// </summary>
[Optimizer]
public partial struct RmsProp
{
    static void Define(ref float w, float g, ref float squareAvg,
                       float lr = 1e-2f, float alpha = 0.99f, float eps = 1e-8f, float weightDecay = 0f)
    {
        var d = g + weightDecay * w;
        squareAvg = alpha * squareAvg + (1 - alpha) * d * d;
        w -= lr * d / (Sqrt(squareAvg) + eps);
    }
}
