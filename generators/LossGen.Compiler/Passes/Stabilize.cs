using LossGen.Compiler.Ir;

namespace LossGen.Compiler.Passes;

/// <summary>
/// Stabilize: rewrites numerically fragile forms into stable ones before anything is derived from
/// them. <c>Log(Sum(v => Exp(x)))</c> becomes <c>LogSumExp(v => x)</c>, which the Lower pass always
/// evaluates max-shifted (<c>m + log Σ exp(x − m)</c>, <c>m = max x</c>), so scores of ±1e30 give
/// finite losses where the literal form overflows to ∞ and returns NaN gradients. Also
/// log(a/b) → log a − log b, log e^x → x, log σ(x) → −softplus(−x), log(1 + e^x) → softplus(x).
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
        Unary { Op: UnaryOp.Log, X: Binary { Op: BinaryOp.Div } q } => E.Sub(Rewrite(new Unary(UnaryOp.Log, q.A)), Rewrite(new Unary(UnaryOp.Log, q.B))),
        // log e^x → x
        Unary { Op: UnaryOp.Log, X: Unary { Op: UnaryOp.Exp } x } => x.X,
        // log σ(x) → −softplus(−x): finite for x = −1000 where σ(x) underflows to 0
        Unary { Op: UnaryOp.Log, X: Unary { Op: UnaryOp.Sigmoid } sg } => E.Neg(new Unary(UnaryOp.Softplus, E.Neg(sg.X))),
        // log(1 + e^x) → softplus(x)
        Unary { Op: UnaryOp.Log, X: Binary { Op: BinaryOp.Add, A: Const { Value: 1 }, B: Unary { Op: UnaryOp.Exp } ex } } => new Unary(UnaryOp.Softplus, ex.X),
        _ => e,
    };
}
