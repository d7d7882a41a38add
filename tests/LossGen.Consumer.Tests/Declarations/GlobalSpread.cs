using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

/// <summary>
/// Reductions over two index variables at once: <c>logsumexp_ij s_ij + max_ij s_ij − 2 min_ij s_ij</c>.
/// </summary>
[Loss]
public partial struct GlobalSpread
{
    static float Define([Shape("R", "K")] Tensor s)
        => LogSumExp((i, j) => s[i, j]) + Max((i, j) => s[i, j]) - 2f * Min((i, j) => s[i, j]);
}
