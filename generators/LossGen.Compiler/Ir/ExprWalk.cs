using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Model;

namespace LossGen.Compiler.Ir;

/// <summary>Structural queries and rewrites over the IR, shared by every pass.</summary>
internal static class ExprWalk
{
    /// <summary>The index variables an expression depends on (free, i.e. not bound by an inner reduction).</summary>
    public static HashSet<string> FreeVars(Expr e)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        AddFree(e, set, bound: null);
        return set;
    }

    public static HashSet<string> FreeVars(Ix ix)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        AddFree(ix, set, null);
        return set;
    }

    private static void AddFree(Expr e, HashSet<string> set, ImmutableStack? bound)
    {
        switch (e)
        {
            case Access a:
                foreach (var ix in a.Indices) AddFree(ix, set, bound);
                break;
            case Unary u: AddFree(u.X, set, bound); break;
            case PowConst p: AddFree(p.X, set, bound); break;
            case PowHyper p: AddFree(p.X, set, bound); AddFree(p.P, set, bound); break;
            case Binary b: AddFree(b.A, set, bound); AddFree(b.B, set, bound); break;
            case Select s: AddFree(s.Cond, set, bound); AddFree(s.IfTrue, set, bound); AddFree(s.IfFalse, set, bound); break;
            case Reduce r: AddFree(r.Body, set, new ImmutableStack(r.Var, bound)); break;
        }
    }

    private static void AddFree(Cond c, HashSet<string> set, ImmutableStack? bound)
    {
        switch (c)
        {
            case IndexCompare ic: AddFree(ic.A, set, bound); AddFree(ic.B, set, bound); break;
            case ValueCompare vc: AddFree(vc.A, set, bound); AddFree(vc.B, set, bound); break;
            case IsArgExtreme ae: AddFree(ae.Index, set, bound); AddFree(ae.Of, set, bound); break;
            case AndCond a: AddFree(a.A, set, bound); AddFree(a.B, set, bound); break;
            case OrCond o: AddFree(o.A, set, bound); AddFree(o.B, set, bound); break;
            case NotCond n: AddFree(n.A, set, bound); break;
        }
    }

    private static void AddFree(Ix ix, HashSet<string> set, ImmutableStack? bound)
    {
        switch (ix)
        {
            case VarIx v when bound is null || !bound.Contains(v.Var): set.Add(v.Var); break;
            case LabelIx l:
                foreach (var inner in l.Indices) AddFree(inner, set, bound);
                break;
        }
    }

    private sealed class ImmutableStack
    {
        private readonly string head;
        private readonly ImmutableStack? tail;
        public ImmutableStack(string head, ImmutableStack? tail) { this.head = head; this.tail = tail; }
        public bool Contains(string v) => head == v || (tail?.Contains(v) ?? false);
    }

    /// <summary>Whether <paramref name="part"/> occurs in <paramref name="e"/> (structural equality).</summary>
    public static bool Contains(Expr e, Expr part) => Nodes(e).Any(n => n.Equals(part));

    /// <summary>Every expression node, parents before children, including those inside conditions.</summary>
    public static IEnumerable<Expr> Nodes(Expr e)
    {
        yield return e;
        foreach (var child in Children(e))
            foreach (var n in Nodes(child))
                yield return n;
    }

    public static IEnumerable<Expr> Children(Expr e)
    {
        switch (e)
        {
            case Unary u: yield return u.X; break;
            case PowConst p: yield return p.X; break;
            case PowHyper p: yield return p.X; yield return p.P; break;
            case Binary b: yield return b.A; yield return b.B; break;
            case Select s:
                foreach (var x in CondOperands(s.Cond)) yield return x;
                yield return s.IfTrue;
                yield return s.IfFalse;
                break;
            case Reduce r: yield return r.Body; break;
        }
    }

    public static IEnumerable<Expr> CondOperands(Cond c)
    {
        switch (c)
        {
            case ValueCompare vc: yield return vc.A; yield return vc.B; break;
            case IsArgExtreme ae: yield return ae.Of; break;
            case AndCond a: foreach (var x in CondOperands(a.A).Concat(CondOperands(a.B))) yield return x; break;
            case OrCond o: foreach (var x in CondOperands(o.A).Concat(CondOperands(o.B))) yield return x; break;
            case NotCond n: foreach (var x in CondOperands(n.A)) yield return x; break;
        }
    }

    /// <summary>Every index comparison in the conditions of <paramref name="e"/>.</summary>
    public static IEnumerable<IndexCompare> IndexCompares(Expr e) =>
        Nodes(e).OfType<Select>().SelectMany(s => IndexComparesOf(s.Cond));

    private static IEnumerable<IndexCompare> IndexComparesOf(Cond c) => c switch
    {
        IndexCompare ic => new[] { ic },
        AndCond a => IndexComparesOf(a.A).Concat(IndexComparesOf(a.B)),
        OrCond o => IndexComparesOf(o.A).Concat(IndexComparesOf(o.B)),
        NotCond n => IndexComparesOf(n.A),
        _ => Enumerable.Empty<IndexCompare>(),
    };

    /// <summary>Rebuilds <paramref name="e"/> bottom-up, applying <paramref name="rewrite"/> to each rebuilt node.</summary>
    public static Expr Rewrite(Expr e, Func<Expr, Expr> rewrite, Func<Ix, Ix>? rewriteIx = null)
    {
        Ix Ixs(Ix ix) => ix switch
        {
            LabelIx l => (rewriteIx ?? (x => x))(new LabelIx(l.Labels, l.Indices.Select(Ixs).ToEquatableArray())),
            _ => (rewriteIx ?? (x => x))(ix),
        };
        Cond Cnd(Cond c) => c switch
        {
            IndexCompare ic => new IndexCompare(ic.Op, Ixs(ic.A), Ixs(ic.B)),
            ValueCompare vc => new ValueCompare(vc.Op, Go(vc.A), Go(vc.B)),
            // The selected element stays tied to a reduction: a rewrite that folds it into
            // something else keeps the reduction rebuilt from its rewritten body.
            IsArgExtreme ae => new IsArgExtreme(Ixs(ae.Index), Go(ae.Of) as Reduce ?? RebuiltReduce(ae.Of)),
            AndCond a => new AndCond(Cnd(a.A), Cnd(a.B)),
            OrCond o => new OrCond(Cnd(o.A), Cnd(o.B)),
            NotCond n => new NotCond(Cnd(n.A)),
            _ => c,
        };
        Expr Go(Expr x)
        {
            var rebuilt = x switch
            {
                Access a => new Access(a.Tensor, a.Indices.Select(Ixs).ToEquatableArray()),
                Unary u => E.Un(u.Op, Go(u.X)),
                PowConst p => new PowConst(Go(p.X), p.P),
                PowHyper p => new PowHyper(Go(p.X), Go(p.P)),
                Binary b => Rebuild(b.Op, Go(b.A), Go(b.B)),
                Select s => E.Select(Cnd(s.Cond), Go(s.IfTrue), Go(s.IfFalse)),
                Reduce r => RebuiltReduce(r),
                _ => x,
            };
            return rewrite(rebuilt);
        }
        Reduce RebuiltReduce(Reduce r) => new(r.Op, r.Var, r.Dim, Go(r.Body));
        return Go(e);
    }

    public static Expr Rebuild(BinaryOp op, Expr a, Expr b) => op switch
    {
        BinaryOp.Add => E.Add(a, b),
        BinaryOp.Sub => E.Sub(a, b),
        BinaryOp.Mul => E.Mul(a, b),
        BinaryOp.Div => E.Div(a, b),
        _ => new Binary(op, a, b),
    };

    /// <summary>Replaces free occurrences of index variables (no capture: callers use unique names).</summary>
    public static Expr RenameVars(Expr e, IReadOnlyDictionary<string, Ix> map) =>
        Rewrite(e, x => x, ix => ix is VarIx v && map.TryGetValue(v.Var, out var to) ? to : ix);
}
