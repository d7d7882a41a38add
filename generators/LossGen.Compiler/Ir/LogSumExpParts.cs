namespace LossGen.Compiler.Ir;

/// <summary>
/// The max-shifted pieces of <c>logsumexp_v(x) = m + log z</c>, with <c>m = max_v x</c> and
/// <c>z = Σ_v exp(x − m)</c>. Lower computes the value from them and Differentiate writes the
/// gradient as <c>exp(x − m) / z</c> with the very same nodes, so both share one evaluation.
/// The gradient must not be written <c>exp(x − logsumexp)</c>: at |x| ~ 1e30 the sum m + log z
/// rounds to m, and every softmax weight of a tied row comes out 1 instead of 1/C.
/// </summary>
internal static class LogSumExpParts
{
    public static Reduce Shift(Reduce lse) => new(ReduceOp.Max, lse.Var, lse.Dim, lse.Body);

    public static Reduce Normalizer(Reduce lse) =>
        new(ReduceOp.Sum, lse.Var, lse.Dim, new Unary(UnaryOp.Exp, E.Sub(lse.Body, Shift(lse))));
}
