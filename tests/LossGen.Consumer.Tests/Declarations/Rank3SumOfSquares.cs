using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>The smallest rank-3 declaration: Σ_ijk x_ijk². Minimal repro of the rank-≥3 offset bug.</summary>
[Loss]
public partial struct Rank3SumOfSquares
{
    static float Define([Shape("A", "B", "C")] Tensor x) => Sum((i, j, k) => Sqr(x[i, j, k]));
}
