using System.Collections.Generic;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Model;
using LossGen.Compiler.Passes;
using Xunit;

namespace LossGen.Tests.Generator;

/// <summary>
/// Stabilize writes every log-probability t − logsumexp_j(x), t an element of the row, as
/// −(logsumexp_j(x) − t), the form Lower evaluates as −(log z + (m − t)) (≤ 0 by construction;
/// issue 12 part 5). Checked on the IR, in each spelling, and left alone where t is not an element.
/// </summary>
public class LogProbabilityFormTests
{
    private static Ix V(string name) => new VarIx(name);
    private static Expr S(Ix row, Ix col) => new Access("s", EquatableArray.Of(row, col));
    private static readonly Ix Label = new LabelIx("y", EquatableArray.Of(V("i")));
    private static readonly Expr Picked = S(V("i"), Label);                         // s[i, y[i]]
    private static Reduce Lse(string v) => new(ReduceOp.LogSumExp, v, "C", S(V("i"), V(v)));
    private static Expr Stable(Reduce lse, Expr t) => new Unary(UnaryOp.Neg, new Binary(BinaryOp.Sub, lse, t));

    [Fact]
    public void Element_minus_logsumexp_becomes_the_negated_log_softmax_form()
    {
        var written = new Binary(BinaryOp.Sub, Picked, Lse("j"));
        Assert.Equal(Stable(Lse("j"), Picked), Stabilize.Run(written));
    }

    [Fact]
    public void Negated_logsumexp_plus_element_becomes_the_same_form()
    {
        var written = new Binary(BinaryOp.Add, new Unary(UnaryOp.Neg, Lse("j")), Picked);
        Assert.Equal(Stable(Lse("j"), Picked), Stabilize.Run(written));
    }

    [Fact]
    public void The_slides_log_of_a_softmax_becomes_the_same_form()
    {
        var sum = new Reduce(ReduceOp.Sum, "j", "C", new Unary(UnaryOp.Exp, S(V("i"), V("j"))));
        var written = new Unary(UnaryOp.Log, new Binary(BinaryOp.Div, new Unary(UnaryOp.Exp, Picked), sum));
        Assert.Equal(Stable(Lse("j"), Picked), Stabilize.Run(written));
    }

    [Fact]
    public void Every_occurrence_inside_a_larger_expression_is_rewritten_after_canonicalization()
    {
        // The parser's unique name j2, as a comprehension used twice arrives: −(1 − e^logp)²·logp.
        var logp = new Binary(BinaryOp.Sub, Picked, Lse("j2"));
        var focal = new Reduce(ReduceOp.Mean, "i", "N", new Unary(UnaryOp.Neg, new Binary(BinaryOp.Mul,
            new PowConst(new Binary(BinaryOp.Sub, Const.One, new Unary(UnaryOp.Exp, logp)), 2), logp)));

        var canonical = CanonicalizeIndexNames.Run(focal, new HashSet<string> { "s", "y", "N", "C" });
        var lse = (Reduce)System.Linq.Enumerable.First(ExprWalk.Nodes(canonical), n => n is Reduce { Op: ReduceOp.LogSumExp });
        var stable = Stable(lse, Picked);
        // −(a·(−x)) folds to a·x as the tree is rebuilt (the smart constructors of E).
        var expected = new Reduce(ReduceOp.Mean, "i", "N", E.Neg(E.Mul(
            new PowConst(new Binary(BinaryOp.Sub, Const.One, new Unary(UnaryOp.Exp, stable)), 2), stable)));
        Assert.Equal(expected, Stabilize.Run(canonical));
    }

    [Fact]
    public void An_element_varying_along_another_reduction_is_rewritten()
    {
        // Σ_j (s[i, j] − logsumexp_k s[i, k]): t = s[i, j] is the row's element k := j.
        var written = new Reduce(ReduceOp.Sum, "j", "C", new Binary(BinaryOp.Sub, S(V("i"), V("j")), Lse("k")));
        Assert.Equal(new Reduce(ReduceOp.Sum, "j", "C", Stable(Lse("k"), S(V("i"), V("j")))), Stabilize.Run(written));
    }

    [Fact]
    public void A_value_that_is_not_an_element_of_the_row_is_left_alone()
    {
        // b[i] − logsumexp_j s[i, j], and s[k, y[i]]: another tensor, and an element of another row.
        var other = new Binary(BinaryOp.Sub, new Access("b", EquatableArray.Of(V("i"))), Lse("j"));
        Assert.Equal(other, Stabilize.Run(other));
        var otherRow = new Binary(BinaryOp.Sub, S(V("k"), Label), Lse("j"));
        Assert.Equal(otherRow, Stabilize.Run(otherRow));
    }
}
