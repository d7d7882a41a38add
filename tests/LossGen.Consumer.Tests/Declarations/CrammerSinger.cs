using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>
/// Crammer–Singer multiclass hinge: <c>(1/N) Σ_i max(0, 1 + max_{j≠y_i} s_ij − s_{i,y_i})</c>.
/// The correct class is excluded from the inner Max reduction by replacing it with −1e30, which
/// no real score reaches, so with a single class the margin is hugely negative and the loss 0.
/// </summary>
[Loss]
public partial struct CrammerSinger
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y)
        => Mean(i => Max(0f, 1f + Max(j => j == y[i] ? -1e30f : s[i, j]) - s[i, y[i]]));
}

/// <summary>
/// The same loss with the exclusion written the other way round (<c>!=</c>, label on the left) and
/// the margin as a hyper-parameter without a default.
/// </summary>
[Loss]
public partial struct CrammerSingerNotEqual
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y, float margin)
        => Mean(i => Relu(margin + Max(j => y[i] != j ? s[i, j] : -1e30f) - s[i, y[i]]));
}
