using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Passes;

namespace LossGen.Compiler.Lowering;

// Tie tests of Max/Min reductions must see the same bits the forward pass saw.
internal sealed partial class Lower
{
    /// <summary>
    /// The Max/Min reductions whose gradient tests <c>body == result</c> (Differentiate's tie test).
    /// The test recomputes the body where the gradient loop runs, which may be a vector lane where
    /// the forward value came from a scalar loop, or the reverse. Vector exp/log/tanh (and the
    /// horizontal sums of nested reductions) round differently from their scalar versions, so the
    /// recomputed maximum can miss the forward one by an ulp: no element "ties" and the gradient
    /// through the reduction is silently 0 (found by differential fuzzing:
    /// <c>Mean(j =&gt; Max(j2 =&gt; Tanh(Mean(i =&gt; b[j2] + u[i]))) + b[j])</c>).
    /// </summary>
    private HashSet<Reduce> tiedExtremes = new();

    private void CollectTiedExtremes(IEnumerable<GradTerm> terms)
    {
        tiedExtremes = new HashSet<Reduce>(terms
            .SelectMany(t => ExprWalk.Nodes(t.Coeff))
            .OfType<Select>()
            .Select(s => s.Cond)
            .OfType<ValueCompare>()
            .Where(c => c.Op == CompareOp.Eq)
            .Select(c => c.B)
            .OfType<Reduce>()
            .Where(r => r.Op is ReduceOp.Max or ReduceOp.Min));
        // The tied reduction's own variable too: a loop over it elsewhere (a row materialized for a
        // gradient pass) would recompute the body in lanes (found by fuzzing with 16 rows:
        // Min(i =&gt; Log(Sum(j =&gt; …))) with a lane-computed row of log-sum-exps lost its tie).
        nestedInTied = new HashSet<string>(tiedExtremes.Where(r => !LaneExact(r.Body))
            .SelectMany(r => ExprWalk.Nodes(r.Body).OfType<Reduce>().Select(n => n.Var).Concat(new[] { r.Var })));
    }

    /// <summary>
    /// Variables of reductions nested in a tied reduction's body. Their loops stay scalar too: a
    /// nested sum or log-sum-exp summed across lanes in one place and in order in another differs
    /// in the last bits, which is enough to break the tie test (found by the long fuzz run:
    /// <c>Mean(i =&gt; Max(k =&gt; LogSumExp(j =&gt; w[k] + s[i, y[i]] + b[j]) − …))</c> got half its gradient).
    /// Keyed by name, so a same-named loop elsewhere also stays scalar: slower, never wrong.
    /// </summary>
    private HashSet<string> nestedInTied = new();

    /// <summary>
    /// <see cref="Vectorization.CanVectorize"/>, and no loop that computes a tied reduction whose
    /// body is not lane-exact becomes a vector loop: then the forward value and every recomputation
    /// come from the same scalar code, bit for bit. Lane-exact bodies (IEEE-exact operations only,
    /// no nested reduction) give the same bits in a lane and in a scalar, so they stay vectorized.
    /// </summary>
    private bool Vectorizable(string v, IEnumerable<Expr> exprs)
    {
        var list = exprs.ToList();
        return !nestedInTied.Contains(v)
               && Vectorization.CanVectorize(v, list)
               && !list.SelectMany(ExprWalk.Nodes).Any(n => n is Reduce r && tiedExtremes.Contains(r) && !LaneExact(r.Body));
    }

    private static bool LaneExact(Expr e) => ExprWalk.Nodes(e).All(n => n switch
    {
        Reduce => false,
        Unary u => u.Op is UnaryOp.Neg or UnaryOp.Sqr or UnaryOp.Abs or UnaryOp.Relu or UnaryOp.Sign or UnaryOp.Sqrt,
        // Small integer powers are lowered to products; other exponents go through exp and log.
        PowConst p => p.P == System.Math.Floor(p.P) && System.Math.Abs(p.P) <= 4,
        _ => true,
    });
}
