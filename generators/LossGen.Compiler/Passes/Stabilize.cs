using LossGen.Compiler.Ir;

namespace LossGen.Compiler.Passes;

/// <summary>
/// Stabilize: rewrites numerically fragile forms into stable ones before anything is derived from
/// them. <c>Log(Sum(v => Exp(x)))</c> becomes <c>LogSumExp(v => x)</c>, which the Lower pass always
/// evaluates max-shifted (<c>m + log Σ exp(x − m)</c>, <c>m = max x</c>), so scores of ±1e30 give
/// finite losses where the literal form overflows to ∞ and returns NaN gradients.
/// </summary>
internal static class Stabilize
{
    public static Expr Run(Expr body) => ExprWalk.Rewrite(body, e =>
        e is Unary { Op: UnaryOp.Log, X: Reduce { Op: ReduceOp.Sum, Body: Unary { Op: UnaryOp.Exp } exp } sum }
            ? new Reduce(ReduceOp.LogSumExp, sum.Var, sum.Dim, exp.X)
            : e);
}
