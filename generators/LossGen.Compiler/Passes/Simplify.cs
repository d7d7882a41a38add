using LossGen.Compiler.Ir;

namespace LossGen.Compiler.Passes;

/// <summary>
/// Simplify: algebraic clean-up that keeps derived expressions small — constant folding and the
/// identities x·1, x·0, x+0, −(−x) (all in <see cref="E"/>), and <c>Pow</c> with exponent 1 or 2.
/// Common subexpressions and loop invariants need no rewrite here: the IR has value equality,
/// and the Lower pass evaluates each distinct subexpression once, in the outermost loop where
/// its index variables are bound.
/// </summary>
internal static class Simplify
{
    public static Expr Run(Expr e) => ExprWalk.Rewrite(e, x => x switch
    {
        PowConst { P: 1 } p => p.X,
        PowConst { P: 2 } p => new Unary(UnaryOp.Sqr, p.X),
        PowConst { P: 0 } => Const.One,
        PowConst { P: 0.5 } p => new Unary(UnaryOp.Sqrt, p.X),
        _ => x,
    });
}
