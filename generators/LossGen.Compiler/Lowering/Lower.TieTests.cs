using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Passes;

using static LossGen.Compiler.Lowering.CodeBuilding;

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

    /// <summary>
    /// The index recorded next to each lowered tied reduction's value, by the value's name: an
    /// <c>int</c> local, or index lanes (one per row) in a rows-across-lanes block.
    /// </summary>
    private readonly Dictionary<Code, Val> selectedIndex = new();

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
    /// Variables of tied reductions and of the reductions nested in their bodies. A rows-across-lanes
    /// block is never a loop over these (see <see cref="RowsAcrossApplies"/>): its rows would be the
    /// elements the reduction selects among. Keyed by name: a same-named loop elsewhere also keeps
    /// row-at-a-time code — slower, never wrong.
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
    /// <see cref="Vectorization.CanVectorize"/>, and no tied reduction is computed in the lanes of
    /// an enclosing loop: a loop over v stays scalar when a tied reduction inside it depends on v
    /// (each lane would need its own row's index). The tied reduction's own loop may vectorize
    /// (<see cref="LowerTiedExtreme"/>), and so may a loop that only uses the index, such as the
    /// gradient pass over j testing <c>j == at</c> (the reduction is computed before it), and the
    /// reductions nested in a tied one's body: the value and the index come from the same pass, so
    /// how the body rounds does not matter.
    /// </summary>
    private bool Vectorizable(string v, IEnumerable<Expr> exprs)
    {
        var list = exprs.ToList();
        return Vectorization.CanVectorize(v, list)
               && !list.SelectMany(ExprWalk.Nodes).Any(n => n is Reduce r && tiedExtremes.Contains(r) && ExprWalk.FreeVars(r).Contains(v));
    }

    /// <summary>
    /// The loop of a tied Max/Min, recording the first element reaching the extreme (a later equal
    /// one does not replace it). The value itself is updated exactly as for an untied reduction
    /// (NaN propagates the same way). Its own loop may be the vector loop (each lane keeps its own
    /// extreme and index), or run in a rows-across-lanes block (one row per lane); Vectorizable
    /// keeps scalar every other enclosing loop whose variable it depends on.
    /// </summary>
    private Val LowerTiedExtreme(Scope home, Reduce r, List<PendingTerm> fused, bool lane, bool bodyVarying, string fn, Code init, string across)
    {
        if (lane) return LowerTiedExtremeInLanes(home, r, fused, fn, init, across);
        if (bodyVarying && home.RowsAcross) return LowerTiedExtremeAcrossRows(home, r, fused, fn, init);
        if (bodyVarying) throw new System.InvalidOperationException("A tied " + Short(ExprPrinter.Print(r)) + " inside a vector loop");
        var acc = Local(home, ValKind.Uniform, init, "acc");
        var at = Local(home, ValKind.Index, Tx("0"), "at");
        selectedIndex[acc.Code] = at;
        var better = r.Op == ReduceOp.Max ? ">" : "<";
        home.Stmts.Add(new Comment($"{Short(ExprPrinter.Print(r))}, and the first {r.Var} reaching it (where its gradient goes)"));
        EmitLoop(home, r.Var, r.Dim, lane: false, fused, new[] { r.Body }, c =>
        {
            var x = Eval(c, r.Body);
            c.Stmts.Add(new Guarded(C($"{x.Code} {Tx(better)} {acc.Code}"), Set(at, Ref(r.Var))));
            Update(c, acc, x, lane: false, (a, b) => C($"Scalar.{Tx(fn)}({a}, {b})"), Tx(""));
        });
        return acc;
    }

    /// <summary>
    /// The vector form: each lane keeps its running extreme and, in index lanes, the index where it
    /// first reached it (replaced only where an element is strictly better, so a lane keeps its
    /// first of equal extremes; tail lanes past the end hold the neutral ±∞, never strictly
    /// better). After the loop the extreme is the one across lanes, and its index the smallest
    /// among the lanes holding it: each such lane's first, so the first overall, as in the scalar
    /// loop. With a NaN in the row the element is unspecified (the value is NaN anyway).
    /// </summary>
    private Val LowerTiedExtremeInLanes(Scope home, Reduce r, List<PendingTerm> fused, string fn, Code init, string across)
    {
        var (acc, at) = RecordingLoop(home, r, fused, fn, init, lane: true,
            $"{Short(ExprPrinter.Print(r))}, and the first {r.Var} reaching it (where its gradient goes): per lane, then across lanes");
        var value = Local(home, ValKind.Uniform, C($"V.Widen(V.{Tx(across)}({acc.Code}))"));
        home.Stmts.Add(new Comment($"the first {r.Var} reaching it: the smallest index among the lanes holding it"));
        var first = Local(home, ValKind.Index, C($"V.FirstIndexOf{Tx(fn)}({acc.Code}, {at.Code})"), "at");
        selectedIndex[value.Code] = first;
        return value;
    }

    /// <summary>
    /// The rows-across-lanes form: lane l runs row i + l's loop over the row, so each lane records
    /// its own row's first index reaching the extreme, in index lanes (<c>V.IndexSplat</c> of the
    /// loop variable where an element is strictly better). The gradient then tests each lane's
    /// index (<c>V.IndexEqual</c>); the value stays in the lanes, one per row.
    /// </summary>
    private Val LowerTiedExtremeAcrossRows(Scope home, Reduce r, List<PendingTerm> fused, string fn, Code init)
    {
        var (acc, at) = RecordingLoop(home, r, fused, fn, init, lane: false,
            $"{Short(ExprPrinter.Print(r))}, and per row (lane) the first {r.Var} reaching it (where its gradient goes)");
        selectedIndex[acc.Code] = at;
        return acc;
    }

    /// <summary>
    /// The loop of a vector tied extreme: running extremes in <c>acc</c> and, in index lanes
    /// <c>at</c>, where each lane first reached it (replaced only where an element is strictly
    /// better). With <paramref name="lane"/> the loop runs along the lanes (lane l holds element
    /// j + l; tail lanes past the end hold the neutral ±∞); otherwise the lanes are rows and every
    /// lane sees element j.
    /// </summary>
    private (Val Acc, Val At) RecordingLoop(Scope home, Reduce r, List<PendingTerm> fused, string fn, Code init, bool lane, string comment)
    {
        var acc = Local(home, ValKind.Varying, C($"V.Splat(V.Narrow({init}))"), "acc");
        var at = Local(home, ValKind.Varying, Tx("V.Zero"), "at");
        var better = r.Op == ReduceOp.Max ? "GreaterThan" : "LessThan";
        home.Stmts.Add(new Comment(comment));
        EmitLoop(home, r.Var, r.Dim, lane, fused, new[] { r.Body }, c =>
        {
            var x = AsVarying(c, Eval(c, r.Body));
            if (lane && c.Masked) x = Local(c, ValKind.Varying, WithNeutralTail(c, x, lane, C($"V.Splat(V.Narrow({init}))")), "x").Code;
            else if (!lane && !x.IsName) x = Local(c, ValKind.Varying, x, "x").Code;
            var m = Local(c, ValKind.Mask, C($"V.{Tx(better)}({x}, {acc.Code})"), "m");
            var index = C($"V.{Tx(lane ? "Indices" : "IndexSplat")}({Ref(r.Var)})");
            c.Stmts.Add(Set(at, C($"V.Select({m.Code}, {index}, {at.Code})")));
            c.Stmts.Add(Set(acc, C($"V.{Tx(fn)}({acc.Code}, {x})")));
        });
        return (acc, at);
    }

    /// <summary><c>j == at</c>: the gradient loop's index against the one the reduction selected.</summary>
    private Val SelectedElementTest(Scope home, IsArgExtreme test, bool varying)
    {
        var extreme = Eval(home, test.Of);
        if (!selectedIndex.TryGetValue(extreme.Code, out var at))
            throw new System.InvalidOperationException("No selected index recorded for " + ExprPrinter.Print(test.Of));
        var index = IndexOf(home, test.Index);
        if (at.Kind == ValKind.Varying)
            return Local(home, ValKind.Mask, C($"V.IndexEqual({at.Code}, {index})"), "m");
        return varying
            ? Local(home, ValKind.Mask, C($"V.IndexMask({index}, IndexComparison.Equal, {at.Code})"), "m")
            : Local(home, ValKind.Bool, C($"{index} == {at.Code}"), "c");
    }
}
