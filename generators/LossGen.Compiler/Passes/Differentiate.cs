using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Model;

namespace LossGen.Compiler.Passes;

/// <summary>
/// Differentiate: reverse mode on the IR. The adjoint of the result is 1; each node passes to its
/// children the adjoint times its partial derivative, and each element access of a
/// differentiable tensor becomes a <see cref="GradTerm"/> summed over the enclosing reductions.
/// </summary>
/// <remarks>
/// Subgradients at kinks (documented in docs/subgradients.md and checked by the tests):
/// <list type="bullet">
/// <item><c>Max(a, b)</c>: ties go to the first argument (a gets 1 when a ≥ b). So the hinge
///   written <c>Max(0, m)</c> has derivative 0 at m = 0, as PyTorch's hinge losses do.</item>
/// <item><c>Min(a, b)</c>: ties go to the first argument (a gets 1 when a ≤ b).</item>
/// <item><c>Relu(x)</c>: 0 at x = 0. <c>Abs(x)</c>: sign(x), 0 at x = 0. <c>Sqrt(x)</c>: 0 at x = 0.</item>
/// <item>Reductions <c>Max</c>/<c>Min</c>: the whole adjoint goes to the element the forward pass
///   selected, the first (lowest index) reaching the extreme; at a tie that is a vertex of the
///   subdifferential, so a valid subgradient, and deterministic.</item>
/// </list>
/// </remarks>
internal static class Differentiate
{
    public static IReadOnlyList<GradTerm> Run(Expr body, IReadOnlyCollection<string> differentiable)
    {
        var terms = new List<GradTerm>();
        Backprop(body, Const.One, ImmutableList<LoopVar>.Empty, differentiable, terms);

        // Contributions to the same element under the same loops are one term: one write, not two.
        return terms
            .GroupBy(t => (t.Tensor, t.Index, t.Loops))
            .Select(g => g.Skip(1).Aggregate(g.First(), (acc, t) => acc with { Coeff = E.Add(acc.Coeff, t.Coeff) }))
            .Where(t => !E.IsConst(t.Coeff, 0))
            .ToList();
    }

    private static void Backprop(Expr e, Expr adj, ImmutableList<LoopVar> loops, IReadOnlyCollection<string> diff, List<GradTerm> terms)
    {
        if (E.IsConst(adj, 0)) return;
        void Go(Expr child, Expr childAdj) => Backprop(child, childAdj, loops, diff, terms);

        switch (e)
        {
            case Access a when diff.Contains(a.Tensor):
                terms.Add(new GradTerm(a.Tensor, a.Indices, loops.ToEquatableArray(), adj));
                break;
            case Binary { Op: BinaryOp.Add } b: Go(b.A, adj); Go(b.B, adj); break;
            case Binary { Op: BinaryOp.Sub } b: Go(b.A, adj); Go(b.B, E.Neg(adj)); break;
            case Binary { Op: BinaryOp.Mul } b: Go(b.A, E.Mul(adj, b.B)); Go(b.B, E.Mul(adj, b.A)); break;
            case Binary { Op: BinaryOp.Div } b:
                Go(b.A, E.Div(adj, b.B));
                Go(b.B, E.Neg(E.Div(E.Mul(adj, e), b.B))); // d(a/b)/db = −(a/b)/b
                break;
            case Binary { Op: BinaryOp.Max } b:
                Go(b.A, E.When(new ValueCompare(CompareOp.Ge, b.A, b.B), adj));
                Go(b.B, E.When(new ValueCompare(CompareOp.Lt, b.A, b.B), adj));
                break;
            case Binary { Op: BinaryOp.Min } b:
                Go(b.A, E.When(new ValueCompare(CompareOp.Le, b.A, b.B), adj));
                Go(b.B, E.When(new ValueCompare(CompareOp.Gt, b.A, b.B), adj));
                break;
            case Unary u:
                Go(u.X, UnaryPartial(u, adj));
                break;
            case PowConst p:
                Go(p.X, E.Mul(adj, E.Mul(E.C(p.P), Simplify.Run(new PowConst(p.X, p.P - 1)))));
                break;
            case PowHyper p:
                // p·x^(p−1), and 0 when p = 0 (x^0 is constant): p·x^(−1) would be 0·∞ = NaN at
                // x = 0. PyTorch's pow_backward does the same; at x = 0 this gives 0 for p > 1, 1 for
                // p = 1 (0^0 = 1) and +∞ for 0 < p < 1 (docs/subgradients.md).
                Go(p.X, E.Unless(new ValueCompare(CompareOp.Eq, p.P, Const.Zero),
                    E.Mul(adj, E.Mul(p.P, new PowHyper(p.X, E.Sub(p.P, Const.One))))));
                break;
            case Select s:
                Go(s.IfTrue, E.When(s.Cond, adj));
                Go(s.IfFalse, E.Unless(s.Cond, adj));
                break;
            case Reduce r:
                var inner = loops.Add(new LoopVar(r.Var, r.Dim));
                Backprop(r.Body, ReducePartial(r, adj), inner, diff, terms);
                break;
        }
    }

    private static Expr UnaryPartial(Unary u, Expr adj) => u.Op switch
    {
        UnaryOp.Neg => E.Neg(adj),
        UnaryOp.Exp => E.Mul(adj, u),
        UnaryOp.Log => E.Div(adj, u.X),
        // √x has no finite slope at 0; the convention 0 there keeps ‖w‖ = √Σw² finite at w = 0
        // (0 is in the norm's subdifferential), where 0.5/√0 = ∞ times 2w = 0 would give NaN.
        UnaryOp.Sqrt => E.When(new ValueCompare(CompareOp.Gt, u.X, Const.Zero), E.Div(E.Mul(E.C(0.5), adj), u)),
        UnaryOp.Sqr => E.Mul(E.Mul(E.C(2), adj), u.X),
        UnaryOp.Abs => E.Mul(adj, new Unary(UnaryOp.Sign, u.X)),
        UnaryOp.Sign => Const.Zero,
        UnaryOp.Relu => E.When(new ValueCompare(CompareOp.Gt, u.X, Const.Zero), adj),
        UnaryOp.Sigmoid => E.Mul(adj, E.Mul(u, E.Sub(Const.One, u))),
        UnaryOp.Tanh => E.Mul(adj, E.Sub(Const.One, new Unary(UnaryOp.Sqr, u))),
        UnaryOp.Softplus => E.Mul(adj, new Unary(UnaryOp.Sigmoid, u.X)),
        _ => Const.Zero,
    };

    private static Expr ReducePartial(Reduce r, Expr adj)
    {
        switch (r.Op)
        {
            case ReduceOp.Sum: return adj;
            case ReduceOp.Mean: return E.Div(adj, new Extent(r.Dim));
            case ReduceOp.LogSumExp:
                // The softmax weight exp(x − m) / z, from the same max and sum as the value.
                return E.Mul(adj, E.Div(new Unary(UnaryOp.Exp, E.Sub(r.Body, LogSumExpParts.Shift(r))), LogSumExpParts.Normalizer(r)));
            default:
                // Max/Min: the adjoint goes to the element the forward pass selected (recorded as it
                // ran, not found again by testing body == result: a body recomputed elsewhere, such
                // as a nested log-sum-exp summed in another order, need not be bit-equal to the
                // forward one, and then no element would match and the gradient would be lost).
                return E.When(new IsArgExtreme(new VarIx(r.Var), r), adj);
        }
    }
}
