using LossGen.Compiler.Ir;

namespace LossGen.Compiler.Passes;

/// <summary>
/// Stabilize: rewrites numerically fragile forms into stable ones before anything is derived from
/// them. <c>Log(Sum(v => Exp(x)))</c> becomes <c>LogSumExp(v => x)</c>, which the Lower pass always
/// evaluates max-shifted (<c>m + log Σ exp(x − m)</c>, <c>m = max x</c>), so scores of ±1e30 give
/// finite losses where the literal form overflows to ∞ and returns NaN gradients. Also
/// log(a/b) → log a − log b, log e^x → x, log σ(x) → −softplus(−x), log(1 + e^x) → softplus(x).
/// <para>
/// A log-probability <c>t − logsumexp_v(x)</c>, t an element of the row x runs over, becomes
/// <c>−(logsumexp_v(x) − t)</c>, which Lower evaluates as <c>−(log z + (m − t))</c>: m − t ≥ 0 is
/// computed first, exactly when t is the max, so the result is ≤ 0 by construction. Written as
/// t − (m + log z), the sum m + log z rounds at |x| ~ 1e19 in float (ulp ~1e12), log z is lost,
/// and the subtraction cancels catastrophically: log p came out positive and a focal loss −∞.
/// </para>
/// </summary>
internal static class Stabilize
{
    public static Expr Run(Expr body) => ExprWalk.Rewrite(body, Rewrite);

    private static Expr Rewrite(Expr e) => e switch
    {
        // log Σ exp(x) → logsumexp(x)
        Unary { Op: UnaryOp.Log, X: Reduce { Op: ReduceOp.Sum, Body: Unary { Op: UnaryOp.Exp } exp } sum }
            => new Reduce(ReduceOp.LogSumExp, sum.Var, sum.Dim, exp.X),
        // log(a / b) → log a − log b, so the slide's −log(e^{s_y} / Σ e^{s_j}) becomes s_y − logsumexp
        // (the difference is rewritten again: it may be a log-probability, below)
        Unary { Op: UnaryOp.Log, X: Binary { Op: BinaryOp.Div } q } => Rewrite(E.Sub(Rewrite(new Unary(UnaryOp.Log, q.A)), Rewrite(new Unary(UnaryOp.Log, q.B)))),
        // log e^x → x
        Unary { Op: UnaryOp.Log, X: Unary { Op: UnaryOp.Exp } x } => x.X,
        // log σ(x) → −softplus(−x): finite for x = −1000 where σ(x) underflows to 0
        Unary { Op: UnaryOp.Log, X: Unary { Op: UnaryOp.Sigmoid } sg } => E.Neg(new Unary(UnaryOp.Softplus, E.Neg(sg.X))),
        // log(1 + e^x) → softplus(x)
        Unary { Op: UnaryOp.Log, X: Binary { Op: BinaryOp.Add, A: Const { Value: 1 }, B: Unary { Op: UnaryOp.Exp } ex } } => new Unary(UnaryOp.Softplus, ex.X),
        // t − logsumexp(x) → −(logsumexp(x) − t), either operand order
        Binary { Op: BinaryOp.Sub, A: var t, B: Reduce { Op: ReduceOp.LogSumExp } lse } when RowElement.IsElementOf(t, lse) => LogProbability(lse, t),
        Binary { Op: BinaryOp.Add, A: Unary { Op: UnaryOp.Neg, X: Reduce { Op: ReduceOp.LogSumExp } lse }, B: var t } when RowElement.IsElementOf(t, lse) => LogProbability(lse, t),
        _ => e,
    };

    /// <summary>The log-softmax form Lower evaluates max-shifted (see <c>Lower.ComputeLogSoftmaxForm</c>).</summary>
    private static Expr LogProbability(Reduce lse, Expr t) => E.Neg(new Binary(BinaryOp.Sub, lse, t));
}
