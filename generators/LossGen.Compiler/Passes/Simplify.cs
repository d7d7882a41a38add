using LossGen.Compiler.Ir;

namespace LossGen.Compiler.Passes;

/// <summary>
/// Simplify: algebraic clean-up that keeps derived expressions small — constant folding and the
/// identities x·1, x·0, x+0, −(−x) (all in <see cref="E"/>), <c>Pow</c> with exponent 0, ½, 1 or 2,
/// and c·(a/b) → (c/b)·a.
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
        // c·(a/b) → (c/b)·a: when c and b are per-row values (1/N and a softmax normalizer) the
        // quotient is hoisted out of the element loop and each element costs one multiply.
        Binary { Op: BinaryOp.Mul, A: var c, B: Binary { Op: BinaryOp.Div } q } => E.Mul(E.Div(c, q.B), q.A),
        _ => x,
    });
}
