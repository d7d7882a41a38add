using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>
/// Rank-4 input u[A, B, C, D], a three-index comprehension m = mean over A, a three-variable
/// Mean and a three-variable Sum: <c>mean_bcd (m_bcd − v_bcd)² + 0.1 Σ_bcd Σ_a (u_abcd − m_bcd)²</c>.
/// </summary>
[Loss]
public partial struct Rank4Reconstruction
{
    static float Define([Shape("A", "B", "C", "D")] Tensor u, [Const, Shape("B", "C", "D")] Tensor v)
    {
        var m = Tensor.Of((p, q, r) => Mean(e => u[e, p, q, r]));
        return Mean((p, q, r) => Sqr(m[p, q, r] - v[p, q, r]))
               + 0.1f * Sum((p, q, r) => Sum(e => Sqr(u[e, p, q, r] - m[p, q, r])));
    }
}
