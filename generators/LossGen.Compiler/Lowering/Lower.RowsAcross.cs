using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Model;

using static LossGen.Compiler.Lowering.CodeBuilding;

namespace LossGen.Compiler.Lowering;

// Rows across lanes (see RowsAcrossLanes): which loops use it, and how a block of rows addresses memory.
internal sealed partial class Lower
{
    /// <summary>
    /// Whether the loop over <paramref name="var"/> gets a rows-across-lanes block in front of its
    /// row-at-a-time code: it is an outermost loop (inside a row loop the rows are already fixed),
    /// and its elements can be addressed per lane. A tied Max/Min inside the row records its
    /// selected index per lane (<see cref="LowerTiedExtremeAcrossRows"/>); a tied reduction over the
    /// rows themselves keeps the loop row at a time (<see cref="tiedLoopVars"/>).
    /// </summary>
    private bool RowsAcrossApplies(Scope parent, string var, IEnumerable<Expr> content, IEnumerable<PendingTerm> terms)
    {
        if (parent.Parent is not null || tiedLoopVars.Contains(var)) return false;
        var exprs = content.Concat(TermExprs(terms)).ToList();
        return RowsAcrossLanes.CanPutRowsAcross(var, exprs);
    }

    /// <summary>
    /// The run-time test for the block: every loop inside a row (a reduction or a gradient loop
    /// that depends on the row) is short. Null when a row has no loop: then the block always wins.
    /// </summary>
    /// <remarks>
    /// A forward loop is tested on its forward content only, so Value and ValueAndGradient take the
    /// same path for the same sizes and return the same value; a gradient-only loop on its terms.
    /// </remarks>
    private Code? ShortRowTest(string var, IEnumerable<Expr> content, IEnumerable<PendingTerm> terms)
    {
        var forward = content.ToList();
        var exprs = forward.Count > 0 ? forward : TermExprs(terms);
        var dims = new HashSet<string>(exprs.SelectMany(ExprWalk.Nodes).OfType<Reduce>()
            .Where(r => ExprWalk.FreeVars(r).Contains(var)).Select(r => r.Dim));
        if (forward.Count == 0) dims.UnionWith(terms.SelectMany(t => t.Term.Loops.Skip(t.Next + 1)).Select(l => l.Dim));
        var ordered = decl.Dims.Where(dims.Contains).ToList();
        // A dimension a Max, Min or LogSumExp runs over gets the longer limit (see RowsAcrossLanes).
        var extremeDims = new HashSet<string>(exprs.SelectMany(ExprWalk.Nodes).OfType<Reduce>()
            .Where(r => r.Op is ReduceOp.Max or ReduceOp.Min or ReduceOp.LogSumExp && ExprWalk.FreeVars(r).Contains(var))
            .Select(r => r.Dim));
        Code Limit(string d) => Tx(extremeDims.Contains(d) ? RowsAcrossLanes.ShortRowLimitAfterExtreme : RowsAcrossLanes.ShortRowLimit);
        return ordered.Count == 0
            ? null
            : Code.Join(" && ", ordered.Select(d => C($"{DimParam(d)} <= {Limit(d)}")));
    }

    /// <summary>
    /// Where lane l of the block finds an element: <c>Base + l·Stride</c>, plus, for an element
    /// chosen by a label that depends on the row, that lane's label times <c>Scale</c>.
    /// </summary>
    private sealed record LaneAddress(Code Base, Code Stride, LaneLabel? Label);

    private sealed record LaneLabel(Code Labels, LaneAddress At, Code Scale);

    private LaneAddress AddressAcrossRows(Scope s, string tensor, EquatableArray<Ix> indices)
    {
        var lane = s.LaneVar!;
        var dims = tensors[tensor].Dims;
        var parts = new List<Code>();
        var strides = new List<Code>();
        LaneLabel? label = null;
        for (var p = 0; p < indices.Count; p++)
        {
            // The distance between consecutive indices at position p: the product of the later extents.
            var later = dims.Skip(p + 1).Select(DimParam).ToList();
            var scale = later.Count == 0 ? Tx("1") : Code.Join(" * ", later);
            Code Times(Code code) => scale == Tx("1") ? code : later.Count == 1 ? C($"{code} * {scale}") : C($"{code} * ({scale})");
            switch (indices[p])
            {
                case VarIx v when v.Var == lane:
                    parts.Add(Times(Ref(lane)));
                    strides.Add(scale);
                    break;
                case LabelIx l when ExprWalk.FreeVars(l).Contains(lane):
                    label = new LaneLabel(Ref(Naming.Kernel(decl, l.Labels)), AddressAcrossRows(s, l.Labels, l.Indices), later.Count > 1 ? C($"({scale})") : scale);
                    break;
                default:
                    parts.Add(Times(IndexOf(s, indices[p])));
                    break;
            }
        }
        var free = new HashSet<string>(indices.SelectMany(ix => ExprWalk.FreeVars(ix)));
        var home = HomeOf(s, free);
        var key = ("lane base", tensor, indices);
        if (!home.Memo.TryGetValue(key, out var at))
        {
            at = Local(home, ValKind.Index, parts.Count == 0 ? Tx("0") : Code.Join(" + ", parts), "o");
            home.Memo[key] = at;
        }
        var stride = strides.Count == 0 ? Tx("0") : strides.Count == 1 ? strides[0] : Code.Join(" + ", strides);
        return new LaneAddress(at.Code, stride, label);
    }

    /// <summary>The arguments after the span that name lane l's element (see <c>ILanes.LoadLabeled</c>).</summary>
    private static Code LaneArguments(LaneAddress a) => a.Label is { } l
        ? C($"{a.Base}, {a.Stride}, {l.Labels}, {l.At.Base}, {l.At.Stride}, {l.Scale}")
        : C($"{a.Base}, {a.Stride}");

    /// <summary>Column of a block: one element per row (lane).</summary>
    private Val LoadAcrossRows(Scope home, Access a)
    {
        if (home.LaneScope!.InputTiles.TryGetValue(a.Tensor, out var inTile) && IsTileIndex(a.Indices, home.LaneVar!))
            return Local(home, ValKind.Varying, TileColumn(home, inTile, a.Indices, null), "x");
        var address = AddressAcrossRows(home, a.Tensor, a.Indices);
        var tensor = Ref(Naming.Kernel(decl, a.Tensor));
        var code = address.Label is not null ? C($"V.LoadLabeled({tensor}, {LaneArguments(address)})")
            : address.Stride == Tx("1") ? C($"V.Load({tensor}, {address.Base})")
            : C($"V.LoadStrided({tensor}, {LaneArguments(address)})");
        return Local(home, ValKind.Varying, code, "x");
    }

    /// <summary>A gradient store or addition into one element per row of the block.</summary>
    private void WriteAcrossRows(Scope s, string tensor, EquatableArray<Ix> index, int term, Code grad, Code value, bool overwrite)
    {
        if (s.LaneScope!.GradTiles.TryGetValue(tensor, out var gradTile))
        {
            // A GradWrite all the same: Lower.Run checks on these that the overwriting term comes first.
            s.Stmts.Add(new GradWrite(tensor, term, TileColumn(s, gradTile, index, (value, overwrite))));
            return;
        }
        var address = AddressAcrossRows(s, tensor, index);
        Code code;
        if (address.Label is not null)
            // Labeled targets may coincide between rows; AddToLabeled adds lane after lane. An
            // overwriting term never has a label index (it must write every element exactly once).
            code = C($"V.AddToLabeled({grad}, {LaneArguments(address)}, {value})");
        else if (address.Stride == Tx("1"))
            code = overwrite ? C($"V.Store({grad}, {address.Base}, {value})") : C($"V.AddTo({grad}, {address.Base}, {value})");
        else
            code = C($"V.{Tx(overwrite ? "Store" : "AddTo")}Strided({grad}, {LaneArguments(address)}, {value})");
        s.Stmts.Add(new GradWrite(tensor, term, code));
    }

    /// <summary><c>j op y[i]</c> with one label per lane: the mask from the block's labels.</summary>
    private Val LabelMaskAcrossRows(Scope home, LabelIx label, CompareOp labelOp, Ix other)
    {
        var at = AddressAcrossRows(home, label.Labels, label.Indices);
        return Local(home, ValKind.Mask,
            C($"V.LabelMask({Ref(Naming.Kernel(decl, label.Labels))}, {at.Base}, {at.Stride}, IndexComparison.{Tx(MaskName(labelOp))}, {IndexOf(home, other)})"), "m");
    }

    // ---- tiles ----
    // Strided loads and stores cost one memory access per lane, and AVX2 gathers (.NET has no
    // AVX-512 gather or scatter) are no faster on every machine. A rank-2 tensor read as t[i, j]
    // (or t[i, y[i]]) is instead transposed once per block into a tile where column j is one
    // contiguous vector; a gradient written only as dt[i, j] / dt[i, y[i]] is accumulated in a tile
    // and transposed back after the block. The block's rows are consecutive in memory, so the
    // transposition reads and writes whole rows.

    /// <summary><c>[i, x]</c> with i the block's row and x anything but i itself.</summary>
    private static bool IsTileIndex(EquatableArray<Ix> index, string lane) =>
        index.Count == 2 && index[0] is VarIx v && v.Var == lane && !(index[1] is VarIx w && w.Var == lane)
        && (!ExprWalk.FreeVars(index[1]).Contains(lane) || index[1] is LabelIx l && RowsAcrossLanes.IsSimpleLabel(l));

    /// <summary>Chooses the block's tiles and loads (or clears) them at the start of the block.</summary>
    private void OpenTiles(Scope block, IEnumerable<Expr> content, IEnumerable<PendingTerm> terms)
    {
        var lane = block.LaneVar!;
        var termList = terms.ToList();
        var reads = content.Concat(termList.Select(t => t.Term.Coeff)).SelectMany(ExprWalk.Nodes).OfType<Access>()
            .Where(a => tensors[a.Tensor].Kind != ParamKind.Labels && IsTileIndex(a.Indices, lane))
            .Select(a => a.Tensor);
        foreach (var t in decl.Tensors.Select(x => x.Name).Where(reads.Contains))
        {
            var tile = Fresh("tile");
            var rowLength = DimParam(tensors[t].Dims[1]);
            scratches.Add(new Scratch(tile, tensors[t].Dims[1], PerLane: true));
            block.InputTiles[t] = tile;
            block.Stmts.Add(new Do(C($"V.LoadRowsTransposed({Ref(Naming.Kernel(decl, t))}, {Ref(lane)} * {rowLength}, {rowLength}, {Ref(tile)})")));
        }
        foreach (var group in termList.GroupBy(p => p.Term.Tensor))
        {
            if (!group.All(p => IsTileIndex(p.Term.Index, lane))) continue;
            var tile = Fresh("tile");
            scratches.Add(new Scratch(tile, tensors[group.Key].Dims[1], PerLane: true));
            block.GradTiles[group.Key] = tile;
            // The overwriting term stores every element before any other term adds to it (Lower.Run
            // checks the order), so only a tile that is only added to starts from zero.
            if (!OverwritesTile(group.Key, group)) block.Stmts.Add(new Do(C($"{Ref(tile)}.Clear()")));
        }
    }

    /// <summary>Whether the block's terms include the one that overwrites the gradient (then the tile is stored, not added).</summary>
    private bool OverwritesTile(string tensor, IEnumerable<PendingTerm> terms) =>
        coveringTerm.TryGetValue(tensor, out var owner) && terms.Any(p => p.Id == owner);

    /// <summary>After the block: each gradient tile goes back to its rows, stored by the overwriting term, added otherwise.</summary>
    private void CloseTiles(Scope block, IEnumerable<PendingTerm> terms)
    {
        var lane = block.LaneVar!;
        foreach (var kv in block.GradTiles)
        {
            var overwrite = OverwritesTile(kv.Key, terms.Where(p => p.Term.Tensor == kv.Key));
            var rowLength = DimParam(tensors[kv.Key].Dims[1]);
            block.Stmts.Add(new Do(
                C($"V.{Tx(overwrite ? "Store" : "Add")}RowsTransposed({Ref(Naming.Gradient(decl, kv.Key))}, {Ref(lane)} * {rowLength}, {rowLength}, {Ref(kv.Value)})")));
        }
    }

    /// <summary>Column x of a tile: a load, or (with a value) a store or addition; a per-row label picks one element per lane.</summary>
    private Code TileColumn(Scope s, string tile, EquatableArray<Ix> index, (Code Value, bool Overwrite)? write)
    {
        if (index[1] is LabelIx l && ExprWalk.FreeVars(l).Contains(s.LaneVar!))
        {
            var at = AddressAcrossRows(s, l.Labels, l.Indices);
            var args = C($"{Ref(tile)}, 0, 1, {Ref(Naming.Kernel(decl, l.Labels))}, {at.Base}, {at.Stride}, V.Count");
            return write is { } w ? C($"V.AddToLabeled({args}, {w.Value})") : C($"V.LoadLabeled({args})");
        }
        var column = C($"{IndexOf(s, index[1])} * V.Count");
        return write is { } v
            ? C($"V.{Tx(v.Overwrite ? "Store" : "AddTo")}({Ref(tile)}, {column}, {v.Value})")
            : C($"V.Load({Ref(tile)}, {column})");
    }

    /// <summary>
    /// The tiles the block created (<paramref name="count"/> scratches from <paramref name="first"/>) are rented just
    /// around its loop rather than for the whole kernel: their arrays then do not stay live through
    /// the row-at-a-time loop, which ran measurably slower with them held in registers or spilled.
    /// Only the per-lane tiles: a plain row created while lowering the block may belong to a value
    /// hoisted out of it (a loop-invariant log-sum-exp over all rows, computed before both the
    /// block and the row loop), so it stays rented for the whole kernel (found by the long fuzz
    /// run: such a row was declared inside the block and used before it, and did not compile).
    /// </summary>
    private List<Stmt> RentTiles(int first, int count, Loop loop)
    {
        var tiles = scratches.Skip(first).Take(count).Where(s => s.PerLane).ToList();
        foreach (var tile in tiles) scratches.Remove(tile);
        var body = new List<Stmt>();
        foreach (var tile in tiles)
        {
            var length = C($"{DimParam(tile.Dim)} * V.Count");
            body.Add(new Comment($"{tile.Name}: a tile of V.Count rows over {tile.Dim}, transposed (element j of every row is one vector at j·V.Count)"));
            body.AddRange(ScratchRental.Rent(tile.Name, length));
        }
        body.Add(loop);
        foreach (var tile in tiles)
            body.Add(ScratchRental.Return(tile.Name));
        return body;
    }
}
