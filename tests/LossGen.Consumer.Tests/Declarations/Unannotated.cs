using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>
/// No [Shape] anywhere: both dimensions of a and the one of b are inferred from the indexing,
/// and b's axis is unified with a's second. <c>Σ_ij (a_ij − b_j)²</c>.
/// </summary>
[Loss]
public partial struct UnannotatedRowDistance
{
    static float Define(Tensor a, Tensor b) => Sum((i, j) => Sqr(a[i, j] - b[j]));
}
