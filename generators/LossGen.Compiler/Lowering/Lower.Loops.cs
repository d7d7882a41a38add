using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Model;
using LossGen.Compiler.Passes;

using static LossGen.Compiler.Lowering.CodeBuilding;

namespace LossGen.Compiler.Lowering;

// Loops: reductions, the loops of gradient terms, and gradient writes.
internal sealed partial class Lower
{
    private Val LowerReduce(Scope home, Reduce r)
    {
        // Index names are unique only among the reductions that enclose each other in the forward
        // expression (CanonicalizeIndexNames), but a gradient loop can need a forward reduction
        // over a variable of the same name: for (int j …) inside for (int j …) does not compile
        // (CS0136). Such a reduction is lowered under a fresh name; its value is the same.
        if (home.Bound.Contains(r.Var))
        {
            var fresh = Fresh(r.Var + "_");
            var renamed = new Reduce(r.Op, fresh, r.Dim,
                ExprWalk.Rewrite(r.Body, e => e, ix => ix is VarIx v && v.Var == r.Var ? new VarIx(fresh) : ix));
            if (tiedExtremes.Contains(r)) tiedExtremes.Add(renamed);
            return Eval(home, renamed);
        }
        // Terms that continue into this reduction's loop and do not need its result ride along.
        var fused = home.Pending.Where(p => !p.Done && p.NextLoop.Var == r.Var && !ExprWalk.Contains(p.Term.Coeff, r)).ToList();
        foreach (var p in fused) home.Pending.Remove(p);
        var lane = home.LaneVar is null && Vectorizable(r.Var, new Expr[] { r }.Concat(TermExprs(fused)));
        var bodyVarying = lane || IsVarying(home, ExprWalk.FreeVars(r.Body));
        var accKind = bodyVarying ? ValKind.Varying : ValKind.Uniform;
        var what = Short(ExprPrinter.Print(r));

        switch (r.Op)
        {
            case ReduceOp.Sum:
            case ReduceOp.Mean:
            {
                var acc = Accumulate(home, accKind, Tx("V.Zero"), Tx("0.0"));
                home.Stmts.Add(new Comment(fused.Count > 0 ? $"{what}, fused with its gradient" : what));
                EmitLoop(home, r.Var, r.Dim, lane, fused, new[] { r.Body }, c =>
                    Update(c, acc, Eval(c, r.Body), lane, (a, b) => C($"{a} + {b}"), Tx("V.Zero")), rowsAcrossAllowed: true);
                var total = Finish(home, acc, lane, "Sum");
                return r.Op == ReduceOp.Sum
                    ? total
                    : ComputeBinary(home, BinaryOp.Div, total, new Val(C($"(double){DimParam(r.Dim)}"), ValKind.Uniform, Root(home)), bodyVarying && !lane);
            }
            case ReduceOp.Max:
            case ReduceOp.Min:
            {
                var (fn, init, cross) = r.Op == ReduceOp.Max
                    ? ("Max", Tx("double.NegativeInfinity"), "MaxAcross")
                    : ("Min", Tx("double.PositiveInfinity"), "MinAcross");
                if (recordSelections && tiedExtremes.Contains(r)) return LowerTiedExtreme(home, r, fused, lane, bodyVarying, fn, init, cross);
                var acc = Accumulate(home, accKind, C($"V.Splat(V.Narrow({init}))"), init);
                if (!bodyVarying || tiedExtremes.Contains(r))
                {
                    // A tied reduction in a Value kernel (which records no selection) takes IEEE
                    // Max/Min as ValueAndGradient's recording loop does, so both return the same
                    // bits (RunningMax may keep −0 where Max gives +0).
                    home.Stmts.Add(new Comment(what));
                    EmitLoop(home, r.Var, r.Dim, lane, fused, new[] { r.Body }, c =>
                        Update(c, acc, Eval(c, r.Body), lane, (a, b) => C($"{Tx(bodyVarying ? "V" : "Scalar")}.{Tx(fn)}({a}, {b})"), C($"V.Splat(V.Narrow({init}))")));
                    return Finish(home, acc, lane, cross);
                }
                // Vector lanes: the hardware's max on the accumulator's chain, the NaN lanes kept beside
                // it (see ILanes.RunningMax; IEEE Max is three dependent instructions with AVX-512).
                var nan = Local(home, ValKind.Mask, Tx("V.Zero"), "nan");
                home.Stmts.Add(new Comment(what + ", NaN lanes in " + nan.Code));
                EmitLoop(home, r.Var, r.Dim, lane, fused, new[] { r.Body }, c =>
                    UpdateExtreme(c, acc, nan, Eval(c, r.Body), lane, "Running" + fn, C($"V.Splat(V.Narrow({init}))")));
                home.Stmts.Add(Set(acc, C($"V.Select({nan.Code}, V.Splat(V.Narrow(double.NaN)), {acc.Code})")));
                return Finish(home, acc, lane, cross);
            }
            default:
            {
                // log Σ exp(x) = m + log Σ exp(x − m), m = max x: no term overflows, the largest is
                // exp(0). Both pieces are ordinary (memoized) reductions, shared with the gradient.
                foreach (var p in fused) home.Pending.Add(p);
                var shift = Eval(home, LogSumExpParts.Shift(r));
                var sum = Eval(home, LogSumExpParts.Normalizer(r));
                if ((sum.Kind == ValKind.Varying || shift.Kind == ValKind.Varying) && home.RowsAcross)
                {
                    // As the row code: a row with no finite shift (all −∞, a +∞ or NaN) has the shift as its value.
                    var m = AsVarying(home, shift);
                    return Local(home, ValKind.Varying, C($"V.Select(V.Equal({m} - {m}, V.Zero), {m} + V.Log({AsVarying(home, sum)}), {m})"));
                }
                if (sum.Kind == ValKind.Varying || shift.Kind == ValKind.Varying)
                {
                    var m = AsVarying(home, shift);
                    return Local(home, ValKind.Varying,
                        C($"V.Select(V.Equal({m}, V.Splat(V.Narrow(double.NegativeInfinity))), {m}, {m} + V.Log({AsVarying(home, sum)}))"));
                }
                // An all −∞ row (or a +∞ or NaN max) has no finite shift: its value is the max itself.
                return Local(home, ValKind.Uniform, C($"double.IsFinite({shift.Code}) ? {shift.Code} + Scalar.Log({sum.Code}) : {shift.Code}"));
            }
        }
    }

    private IEnumerable<Expr> TermExprs(IEnumerable<PendingTerm> terms) =>
        terms.SelectMany(p => new[] { p.Term.Coeff, new Access(p.Term.Tensor, p.Term.Index) });

    private Val Accumulate(Scope home, ValKind kind, Code vectorInit, Code scalarInit) =>
        kind == ValKind.Varying
            ? Local(home, ValKind.Varying, vectorInit, "acc")
            : Local(home, ValKind.Uniform, scalarInit, "acc");

    /// <summary>Assigns a local that holds a value (an accumulator, a mask of NaN lanes).</summary>
    private static Assign Set(Val local, Code value) => new(local.Code.Names.Single(), "=", value);

    /// <summary>Adds one body value into an accumulator; in the masked tail, lanes past the end add the neutral value.</summary>
    private void Update(Scope c, Val acc, Val x, bool lane, Func<Code, Code, Code> combine, Code neutral)
    {
        if (acc.Kind == ValKind.Uniform && c.RowsAcross && c.LaneScope == c)
        {
            // A block of rows adds all its rows at once (a value the same in every row counts once per row).
            c.Stmts.Add(Set(acc, combine(acc.Code, C($"V.Widen(V.Sum({AsVarying(c, x)}))"))));
            return;
        }
        if (acc.Kind == ValKind.Varying)
        {
            var v = WithNeutralTail(c, AsVarying(c, x), lane, neutral);
            c.Stmts.Add(Set(acc, combine(acc.Code, v)));
        }
        else
        {
            c.Stmts.Add(Set(acc, combine(acc.Code, x.Code)));
        }
    }

    /// <summary>As <see cref="Update"/> for a vector max/min: a NaN body value sets its lane in <paramref name="nan"/>.</summary>
    private void UpdateExtreme(Scope c, Val acc, Val nan, Val x, bool lane, string running, Code neutral)
    {
        var v = WithNeutralTail(c, AsVarying(c, x), lane, neutral);
        // x is named once: it is read twice below.
        if (!v.IsName) v = Local(c, ValKind.Varying, v).Code;
        c.Stmts.Add(Set(acc, C($"V.{Tx(running)}({acc.Code}, {v})")));
        c.Stmts.Add(Set(nan, C($"V.Or({nan.Code}, V.NotEqual({v}, {v}))")));
    }

    /// <summary>A body value in the vector loop; in its masked tail, lanes past the end hold <paramref name="neutral"/>.</summary>
    private Code WithNeutralTail(Scope c, Code v, bool lane, Code neutral) =>
        lane && c.Masked ? C($"V.Select({TailMask(c)}, {v}, {neutral})") : v;

    private Code TailMask(Scope c)
    {
        var lane = c.LaneScope!;
        if (lane.Memo.TryGetValue("tail", out var m)) return m.Code;
        var mask = Local(lane, ValKind.Mask, C($"V.FirstLanes({Ref(lane.Remaining!)})"), "tail");
        lane.Memo["tail"] = mask;
        return mask.Code;
    }

    private Val Finish(Scope home, Val acc, bool lane, string across) =>
        lane ? Local(home, ValKind.Uniform, C($"V.Widen(V.{Tx(across)}({acc.Code}))")) : acc;

    /// <summary>
    /// A loop over <paramref name="var"/>: a plain for loop, or for the vector loop a full-width body
    /// and a masked tail generated from the same description. An outermost Sum/Mean or gradient loop
    /// over rows may get a rows-across-lanes block in front (<see cref="RowsAcrossLanes"/>).
    /// </summary>
    private void EmitLoop(Scope parent, string var, string dim, bool lane, List<PendingTerm> terms, IEnumerable<Expr> content, Action<Scope> body, bool rowsAcrossAllowed = false)
    {
        MaterializeRows(parent, var, dim, content.Concat(TermExprs(terms)));
        var shared = SharedWithLaterPasses(parent, var, content);
        var family = new LoopFamily(parent, lane);
        var extent = DimParam(dim);
        Scope Open(bool masked, LoopFamily fam, bool rowsAcross = false)
        {
            var child = new Scope(parent, var, dim, lane || rowsAcross, masked, fam, rowsAcross);
            if (rowsAcross) OpenTiles(child, content, terms);
            foreach (var t in terms) child.Pending.Add(t with { Next = t.Next + 1 });
            body(child);
            foreach (var (value, row) in shared) StoreRow(child, row, var, Eval(child, value));
            ProcessPending(child);
            if (rowsAcross) CloseTiles(child, terms);
            return child;
        }

        LoopFamily? blockFamily = null;
        if (!lane && rowsAcrossAllowed && RowsAcrossApplies(parent, var, content, terms))
        {
            blockFamily = new LoopFamily(parent, lane: true);
            var blocked = Fresh("rows");
            var before = scratches.Count;
            var block = Open(masked: false, blockFamily, rowsAcross: true);
            var blockTiles = scratches.Count - before;
            var rows = Open(masked: false, family);
            var b = Ref(blocked);
            var blockBody = RentTiles(before, blockTiles, new Loop(LoopKind.RowBlocks, var, Tx("0"), b, block.Stmts));
            var test = ShortRowTest(var, content, terms);
            // The blocks are a method of their own (Outlined): the JIT inlines call sites in order
            // under one budget per method, and in the kernel's body the blocks and the row loop
            // took it from each other (softmax at 2048 × 1000 30% slower with the blocks first, SVM
            // at C = 10 0.44 → 0.58 ns per score with them last; benchmarks/results/rows-across-lanes-*.md).
            parent.Stmts.Add(new Comment($"rows [0, {blocked}) across lanes, V.Count at a time with lane l holding row {var} + l"
                + (test is null ? "" : " (while a row is short)") + "; the other rows one at a time first"));
            var whole = C($"{extent} - {extent} % V.Count");
            parent.Stmts.Add(new Let("int", blocked, test is null ? whole : C($"{test} ? {whole} : 0")));
            parent.Stmts.Add(new Loop(LoopKind.Scalar, var, b, extent, rows.Stmts));
            parent.Stmts.Add(new If(C($"{b} > 0"), new List<Stmt> { new Outlined($"Rows [0, {blocked}) across lanes, V.Count at a time with lane l holding row {var} + l", blockBody) }));
        }
        else if (!lane)
        {
            var child = Open(masked: false, family);
            parent.Stmts.Add(new Loop(LoopKind.Scalar, var, Tx("0"), extent, child.Stmts));
        }
        else
        {
            var main = Open(masked: false, family);
            var tail = Open(masked: true, family);
            var v = Ref(var);
            var tailBody = new List<Stmt> { new Let("int", "rem_" + var, C($"{extent} - {v}")) };
            tailBody.AddRange(tail.Stmts);
            parent.Stmts.Add(new Block(new List<Stmt>
            {
                new Let("int", var, Tx("0")),
                new Loop(LoopKind.Vector, var, Tx("0"), extent, main.Stmts),
                new Comment($"the last {extent} mod V.Count elements, masked"),
                new If(C($"{v} < {extent}"), tailBody),
            }));
        }

        foreach (var (value, row) in shared) RegisterRow(parent, value, row, var);

        // Registers that summed a gradient element across the loop are stored once, after it.
        void Flush(LoopFamily fam, bool acrossLanes)
        {
            foreach (var acc in fam.Accumulators)
            {
                var name = Ref(acc.Name);
                var value = acc.Varying && acrossLanes
                    ? new Val(C($"V.Widen(V.Sum({name}))"), ValKind.Uniform, parent, Element: C($"V.Sum({name})"))
                    : new Val(name, acc.Varying ? ValKind.Varying : ValKind.Uniform, parent);
                Write(parent, acc.Tensor, acc.Index, acc.Term, value);
            }
        }
        if (blockFamily is not null) Flush(blockFamily, acrossLanes: true);
        Flush(family, lane);
    }

    /// <summary>
    /// Before a loop over <paramref name="var"/>: every nested reduction the loop needs for each
    /// value of var, and that depends on nothing else the loop binds, is computed for the whole
    /// row into a scratch row first (once per enclosing iteration), so no pass recomputes it.
    /// </summary>
    private void MaterializeRows(Scope parent, string var, string dim, IEnumerable<Expr> content)
    {
        // Only rows inside a loop: at the root a "row" would be a whole extra pass over the data,
        // which is what fusing the outer loop avoids. In a block of rows across lanes the row is a tile.
        if ((parent.LaneVar is not null && !parent.RowsAcross) || parent.Parent is null) return;
        var rowVars = new HashSet<string>(parent.Bound) { var };
        var chosen = new List<Expr>();
        foreach (var node in content.SelectMany(ExprWalk.Nodes))
        {
            if (node is not Reduce inner || inner.Var == var || chosen.Any(c => ExprWalk.Contains(c, node))) continue;
            // A tied reduction's selected index lives next to its value; a row would keep only the value.
            if (tiedExtremes.Contains(inner)) continue;
            var free = ExprWalk.FreeVars(inner);
            if (!free.Contains(var) || !free.All(rowVars.Contains)) continue;
            if (Materialized(parent, inner) is not null || chosen.Contains(inner)) continue;
            chosen.Add(inner);
        }
        foreach (var inner in chosen)
        {
            var name = Fresh("row");
            scratches.Add(new Scratch(name, dim, PerLane: PerLaneRow(parent, inner, name)));
            var lane = parent.LaneVar is null && Vectorizable(var, new[] { inner });
            parent.Stmts.Add(new Comment($"{name}[{var}] = {Short(ExprPrinter.Print(inner))}, computed once and reused by every pass over {var}"));
            EmitLoop(parent, var, dim, lane, new List<PendingTerm>(), Array.Empty<Expr>(), c => StoreRow(c, name, var, Eval(c, inner)));
            RegisterRow(parent, inner, name, var);
        }
    }

    /// <summary>
    /// Values this loop computes for every element that a gradient pass over the same variable,
    /// still to come, needs again and that are costly to recompute (an exp, a log, a division, a
    /// reduction): they are written to a scratch row as they are computed, and loaded later.
    /// </summary>
    private List<(Expr Value, string Row)> SharedWithLaterPasses(Scope parent, string var, IEnumerable<Expr> content)
    {
        var result = new List<(Expr, string)>();
        if ((parent.LaneVar is not null && !parent.RowsAcross) || parent.Parent is null) return result;
        var later = parent.Pending.Where(p => !p.Done && p.NextLoop.Var == var).Select(p => p.Term.Coeff).ToList();
        if (later.Count == 0) return result;
        var rowVars = new HashSet<string>(parent.Bound) { var };
        foreach (var node in content.SelectMany(ExprWalk.Nodes))
        {
            if (!IsCostly(node) || result.Any(r => ExprWalk.Contains(r.Item1, node))) continue;
            if (node is Reduce tied && tiedExtremes.Contains(tied)) continue;
            var free = ExprWalk.FreeVars(node);
            if (!free.Contains(var) || !free.All(rowVars.Contains) || Materialized(parent, node) is not null) continue;
            if (!later.Any(c => ExprWalk.Contains(c, node))) continue;
            var name = Fresh("row");
            scratches.Add(new Scratch(name, parent.Pending.First(p => !p.Done && p.NextLoop.Var == var).NextLoop.Dim, PerLane: PerLaneRow(parent, node, name)));
            result.Add((node, name));
        }
        return result;
    }

    private static bool IsCostly(Expr e) =>
        e is Reduce or Unary { Op: UnaryOp.Exp or UnaryOp.Log or UnaryOp.Tanh or UnaryOp.Sigmoid or UnaryOp.Softplus or UnaryOp.Sqrt }
            or Binary { Op: BinaryOp.Div };

    private void StoreRow(Scope c, string row, string var, Val x)
    {
        var (r, v) = (Ref(row), Ref(var));
        if (perLaneRows.Contains(row))
            // A tile: element var of every row in the block, one vector.
            c.Stmts.Add(new Do(C($"V.Store({r}, {v} * V.Count, {AsVarying(c, x)})")));
        else if (c.LaneVar == var)
            c.Stmts.Add(new Do(c.Masked
                ? C($"V.StorePartial({r}, {v}, {Ref(c.Remaining!)}, {AsVarying(c, x)})")
                : C($"V.Store({r}, {v}, {AsVarying(c, x)})")));
        else
            c.Stmts.Add(new Do(C($"{r}[{v}] = {AsElement(x)}")));
    }

    private void RegisterRow(Scope parent, Expr value, string row, string var)
    {
        parent.Memo[("row", value)] = new Val(Ref(row), ValKind.Index, parent);
        rowVarOf[row] = var;
    }

    private readonly Dictionary<string, string> rowVarOf = new();

    /// <summary>Scratch rows that hold a value per row of a rows-across-lanes block (tiles).</summary>
    private readonly HashSet<string> perLaneRows = new();

    /// <summary>
    /// In a block of rows across lanes, a row of values that differ from row to row is a tile;
    /// one that does not depend on the block's rows stays a plain row.
    /// </summary>
    private bool PerLaneRow(Scope parent, Expr value, string name)
    {
        if (!parent.RowsAcross || !ExprWalk.FreeVars(value).Contains(parent.LaneVar!)) return false;
        perLaneRows.Add(name);
        return true;
    }

    /// <summary>The scratch row holding <paramref name="e"/>, if an enclosing scope materialized it.</summary>
    private static string? Materialized(Scope s, Expr e)
    {
        for (var a = s; a is not null; a = a.Parent)
            if (a.Memo.TryGetValue(("row", e), out var row)) return row.Code.Names.Single();
        return null;
    }

    private Val LoadScratch(Scope home, string row)
    {
        var v = Ref(rowVarOf[row]);
        var r = Ref(row);
        if (perLaneRows.Contains(row))
            return Local(home, ValKind.Varying, C($"V.Load({r}, {v} * V.Count)"), "x");
        if (home.LaneVar == rowVarOf[row])
            return Local(home, ValKind.Varying, home.Masked ? C($"V.LoadPartial({r}, {v}, {Ref(home.Remaining!)})") : C($"V.Load({r}, {v})"), "x");
        return Local(home, ValKind.Uniform, C($"V.Widen({r}[{v}])"), "x");
    }

    /// <summary>Emits the gradient terms still pending in a scope: further loops first, then direct writes.</summary>
    private void ProcessPending(Scope s)
    {
        var pending = s.Pending.ToList();
        s.Pending.Clear();
        foreach (var group in pending.Where(p => !p.Done).GroupBy(p => p.NextLoop))
        {
            var terms = group.ToList();
            var lane = s.LaneVar is null && Vectorizable(group.Key.Var, TermExprs(terms));
            s.Stmts.Add(new Comment("gradient: " + string.Join("; ", terms.Select(Describe))));
            EmitLoop(s, group.Key.Var, group.Key.Dim, lane, terms, Array.Empty<Expr>(), _ => { }, rowsAcrossAllowed: true);
        }
        foreach (var p in pending.Where(p => p.Done))
            Write(s, p.Term.Tensor, p.Term.Index, p.Id, Eval(s, p.Term.Coeff));
    }

    private string Describe(PendingTerm p) =>
        $"{Naming.Gradient(decl, p.Term.Tensor)}[{string.Join(", ", p.Term.Index.Select(ExprPrinter.Ix))}] += {Short(ExprPrinter.Print(p.Term.Coeff))}";

    private static string Short(string s) => s.Length <= 90 ? s : s.Substring(0, 87) + "...";

    /// <summary>
    /// Adds (or, for the overwriting term, stores) a value into a gradient element. If the element
    /// does not depend on the innermost loop, the value is summed in a register instead.
    /// </summary>
    private void Write(Scope s, string tensor, EquatableArray<Ix> index, int term, Val value)
    {
        var free = new HashSet<string>(index.SelectMany(ix => ExprWalk.FreeVars(ix)));
        if (s.Var is not null && !free.Contains(s.Var))
        {
            var family = s.Family!;
            var acc = family.Accumulators.FirstOrDefault(a => a.Tensor == tensor && a.Index.Equals(index) && a.Term == term);
            var varying = value.Kind == ValKind.Varying || family.Lane;
            if (acc is null)
            {
                var name = Fresh("g");
                family.Parent.Stmts.Add(varying ? new Let("V", name, Tx("V.Zero")) : new Let("double", name, Tx("0.0")));
                acc = new Accumulator(name, tensor, index, term, varying);
                family.Accumulators.Add(acc);
            }
            if (varying)
            {
                var v = AsVarying(s, value);
                if (s.Masked) v = C($"V.Select({TailMask(s)}, {v}, V.Zero)");
                s.Stmts.Add(new Assign(acc.Name, "=", C($"{Ref(acc.Name)} + {v}")));
            }
            else
            {
                s.Stmts.Add(new Assign(acc.Name, "+=", value.Code));
            }
            return;
        }

        var grad = Ref(Naming.Gradient(decl, tensor));
        var overwrite = coveringTerm.TryGetValue(tensor, out var owner) && owner == term;
        var targetVarying = s.LaneVar is not null && free.Contains(s.LaneVar);
        if (targetVarying && s.RowsAcross)
        {
            WriteAcrossRows(s, tensor, index, term, grad, AsVarying(s, value), overwrite);
            return;
        }
        var offset = Offset(s, tensor, index);
        if (targetVarying)
        {
            var v = AsVarying(s, value);
            var op = Tx(overwrite ? "Store" : "AddTo");
            s.Stmts.Add(new GradWrite(tensor, term, s.Masked
                ? C($"V.{op}Partial({grad}, {offset}, {Ref(s.Remaining!)}, {v})")
                : C($"V.{op}({grad}, {offset}, {v})")));
            return;
        }
        // Inside the vector loop a uniform value still stands for every active lane: the term is
        // summed over the lane variable, which the target does not index, so it counts once per
        // lane (V.Count times in the body, rem times in the tail), not once per vector.
        var perLane = value.Kind == ValKind.Varying || s.LaneVar is not null;
        var lanes = perLane ? AsVarying(s, value) : value.Code;
        var element = perLane
            ? (s.Masked ? C($"V.Sum(V.Select({TailMask(s)}, {lanes}, V.Zero))") : C($"V.Sum({lanes})"))
            : AsElement(value);
        s.Stmts.Add(new GradWrite(tensor, term, C($"{grad}[{offset}] {Tx(overwrite ? "=" : "+=")} {element}")));
    }
}
