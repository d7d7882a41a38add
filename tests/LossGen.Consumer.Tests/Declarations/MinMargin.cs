using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>
/// A Min reduction: the smallest margin of the label over the other classes, m_i = min_{j≠y_i}
/// (s_{i,y_i} − s_ij), pushed up by a softplus: <c>(1/N) Σ_i softplus(−m_i)</c>. The label itself
/// is excluded with +1e30, so with a single class the loss is softplus(−1e30) = 0.
/// </summary>
[Loss]
public partial struct MinMargin
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y)
        => Mean(i => Softplus(-Min(j => j == y[i] ? 1e30f : s[i, y[i]] - s[i, j])));
}
