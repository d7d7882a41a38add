using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>
/// Every index comparison and logical operator on a square [D, D] matrix: W² above the diagonal,
/// 3|W| on it, ½W² below it. The innermost branch guarded by <c>!(i &gt; j) || (i != j &amp;&amp; i == j)</c> is never
/// taken below the diagonal (where i &gt; j), so its 100 must never show up.
/// </summary>
[Regularizer]
public partial struct TriangularPenalty
{
    static float Define([Shape("D", "D")] Tensor A)
        => Sum((i, j) => i < j ? Sqr(A[i, j])
                       : i <= j && i >= j ? 3f * Abs(A[i, j])
                       : !(i > j) || (i != j && i == j) ? 100f
                       : 0.5f * Sqr(A[i, j]));
}
