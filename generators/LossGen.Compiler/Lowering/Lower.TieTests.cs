using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Passes;

namespace LossGen.Compiler.Lowering;

// The gradient of a Max/Min reduction goes to the element its forward pass selected.
internal sealed partial class Lower
{
    /// <summary>
    /// The Max/Min reductions whose gradient needs the selected element (<see cref="IsArgExtreme"/>).
    /// Their loop records the index of the first element reaching the extreme as it runs, next to
    /// the value; the gradient compares indices, never recomputed values. (Testing
    /// <c>body == result</c> lost gradients whenever the body recomputed in the gradient loop was
    /// not bit-equal to the forward one: a vector exp against a scalar one, a nested log-sum-exp
    /// summed in another order; found three times by differential fuzzing.)
    /// </summary>
    private HashSet<Reduce> tiedExtremes = new();

    /// <summary>The index local recorded next to each lowered tied reduction's value, by the value's name.</summary>
    private readonly Dictionary<string, string> selectedIndex = new();

    private void CollectTiedExtremes(IEnumerable<GradTerm> terms)
    {
        tiedExtremes = new HashSet<Reduce>(terms
            .SelectMany(t => ExprWalk.Nodes(t.Coeff))
            .OfType<Select>()
            .SelectMany(s => ArgExtremes(s.Cond))
            .Select(a => a.Of));
        tiedLoopVars = new HashSet<string>(tiedExtremes
            .SelectMany(r => ExprWalk.Nodes(r.Body).OfType<Reduce>().Select(n => n.Var).Concat(new[] { r.Var })));
    }

    /// <summary>
    /// Variables of tied reductions and of the reductions nested in their bodies. The recorded
    /// index is one scalar per reduction, so a rows-across-lanes block (one row per lane) never
    /// runs a loop over these (see <see cref="RowsAcrossApplies"/>). Keyed by name: a same-named
    /// loop elsewhere also keeps row-at-a-time code — slower, never wrong.
    /// </summary>
    private HashSet<string> tiedLoopVars = new();

    private static IEnumerable<IsArgExtreme> ArgExtremes(Cond c) => c switch
    {
        IsArgExtreme a => new[] { a },
        AndCond a => ArgExtremes(a.A).Concat(ArgExtremes(a.B)),
        OrCond o => ArgExtremes(o.A).Concat(ArgExtremes(o.B)),
        NotCond n => ArgExtremes(n.A),
        _ => Enumerable.Empty<IsArgExtreme>(),
    };

    /// <summary>
    /// <see cref="Vectorization.CanVectorize"/>, and no tied reduction is computed in vector lanes:
    /// the selected index is one scalar per reduction, recorded by a scalar loop. A tied
    /// reduction's own loop is scalar (see <see cref="LowerReduce"/>), and so is a loop over v
    /// when a tied reduction inside it depends on v (each lane would need its own index). A loop
    /// that only uses the index, such as the gradient pass over j testing <c>j == at</c> (the
    /// reduction is computed before it), vectorizes with a lane mask; so do reductions nested in a
    /// tied one's body: the value and the index come from the same pass, so how the body rounds
    /// does not matter.
    /// </summary>
    private bool Vectorizable(string v, IEnumerable<Expr> exprs)
    {
        var list = exprs.ToList();
        return Vectorization.CanVectorize(v, list)
               && !list.SelectMany(ExprWalk.Nodes).Any(n => n is Reduce r && tiedExtremes.Contains(r) && ExprWalk.FreeVars(r).Contains(v));
    }

    /// <summary>
    /// The loop of a tied Max/Min: <c>if (x &gt; acc) at = j;</c> before the usual update, so the
    /// first element reaching the extreme is kept (a later equal one does not replace it). The
    /// value itself is updated exactly as for an untied reduction (NaN propagates the same way).
    /// </summary>
    private Val LowerTiedExtreme(Scope home, Reduce r, List<PendingTerm> fused, string fn, string init)
    {
        var acc = Local(home, ValKind.Uniform, init, "acc");
        var at = Local(home, ValKind.Index, "0", "at");
        selectedIndex[acc.Code] = at.Code;
        var better = r.Op == ReduceOp.Max ? ">" : "<";
        home.Stmts.Add(new Comment($"{Short(ExprPrinter.Print(r))}, and the first {r.Var} reaching it (where its gradient goes)"));
        EmitLoop(home, r.Var, r.Dim, lane: false, fused, new[] { r.Body }, c =>
        {
            var x = Eval(c, r.Body);
            c.Stmts.Add(new Line($"if ({x.Code} {better} {acc.Code}) {at.Code} = {r.Var};"));
            Update(c, acc, x, lane: false, (a, b) => $"Scalar.{fn}({a}, {b})", "");
        });
        return acc;
    }

    /// <summary><c>j == at</c>: the gradient loop's index against the one the reduction selected.</summary>
    private Val SelectedElementTest(Scope home, IsArgExtreme test, bool varying)
    {
        var extreme = Eval(home, test.Of);
        if (!selectedIndex.TryGetValue(extreme.Code, out var at))
            throw new System.InvalidOperationException("No selected index recorded for " + ExprPrinter.Print(test.Of));
        var index = IndexOf(home, test.Index);
        return varying
            ? Local(home, ValKind.Mask, $"V.IndexMask({index}, IndexComparison.Equal, {at})", "m")
            : Local(home, ValKind.Bool, $"{index} == {at}", "c");
    }
}
