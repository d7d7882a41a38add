using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

// User losses built on a log-probability t − LogSumExp(row) with t an element of the row, in the
// spellings users write. Stabilize must turn each into −(log z + (m − t)) (issue 12 part 5).

/// <summary>Negative log-likelihood, the log-probability written out: <c>−(s[i, y_i] − logsumexp_j s[i, j])</c>.</summary>
[Loss]
public partial struct WrittenOutNll
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y)
        => Mean(i => -(s[i, y[i]] - LogSumExp(j => s[i, j])));
}

/// <summary>The same, with the operands the other way round: <c>−(−logsumexp_j s[i, j] + s[i, y_i])</c>.</summary>
[Loss]
public partial struct NegatedFirstNll
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y)
        => Mean(i => -(-LogSumExp(j => s[i, j]) + s[i, y[i]]));
}

/// <summary>
/// Cross-entropy against the uniform target, <c>−mean_j (s[i, j] − logsumexp_k s[i, k])</c>: the
/// element t = s[i, j] varies along the vectorized axis while m and z are per row.
/// </summary>
[Loss]
public partial struct UniformTargetCrossEntropy
{
    static float Define([Shape("N", "C")] Tensor s)
        => Mean(i => -Mean(j => s[i, j] - LogSumExp(k => s[i, k])));
}
