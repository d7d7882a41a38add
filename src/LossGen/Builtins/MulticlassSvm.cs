using static LossGen.Dsl;

namespace LossGen.Builtins;

/// <summary>
/// The multiclass SVM loss (Weston–Watkins) on scores, rows are examples:
/// <c>L = (1/N) Σ_i Σ_{j≠y_i} max(0, s_ij − s_{i,y_i} + Δ)</c>.
/// Unlike PyTorch's MultiMarginLoss, the sum over classes is not divided by C.
/// </summary>
[Loss]
public partial struct MulticlassSvm
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y, float delta = 1f)
        => Mean(i => Sum(j => j == y[i] ? 0f : Max(0f, s[i, j] - s[i, y[i]] + delta)));
}
