using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Model;

namespace LossGen.Compiler.Passes;

/// <summary>
/// Canonicalize: renames every reduction's index variable to the user's name, made unique only
/// among the reductions that enclose it. The parser gives every variable a declaration-wide
/// unique name (the Shapes pass needs that), so the two uses of a comprehension
/// <c>r[i]</c> = <c>Σ_k X[i,k]·w[k]</c> arrive as Σ_k … and Σ_k2 …: equal in meaning, unequal as values.
/// After this pass they are equal, and Lower computes them once.
/// </summary>
/// <remarks>
/// One instance per run holds the run's state, so concurrent generator runs (Roslyn may compile
/// declarations on several threads) share nothing.
/// </remarks>
internal sealed class CanonicalizeIndexNames
{
    public static Expr Run(Expr body, ISet<string> reserved) =>
        new CanonicalizeIndexNames(reserved).Go(body, new Dictionary<string, string>(), new HashSet<string>());

    private CanonicalizeIndexNames(ISet<string> reserved) => Reserved = reserved;

    // Names a loop variable must not take (parameters, dimensions, gradients, generated names).
    private readonly ISet<string> Reserved;

    // The dimension each name was first given to. Lower treats two loops with the same variable
    // as the same loop (that is how sibling passes over a row fuse), so one name must never stand
    // for two dimensions anywhere in the declaration: Σ_i max_r A[r, i] + Σ_i min_r A[i, r]
    // (i over D, then over N) was fused into one loop over D.
    private readonly Dictionary<string, string> DimOfName = new();

    private bool Taken(string name, HashSet<string> enclosing) =>
        enclosing.Contains(name) || Reserved.Contains(name) || Lowering.Naming.LooksLikeTemporary(name);

    private bool OtherDim(string name, string dim) =>
        DimOfName.TryGetValue(name, out var taken) && taken != dim;

    private Expr Go(Expr e, Dictionary<string, string> renames, HashSet<string> enclosing)
    {
        switch (e)
        {
            case Reduce r:
            {
                var name = BaseName(r.Var);
                for (var n = 2; Taken(name, enclosing) || OtherDim(name, r.Dim); n++) name = BaseName(r.Var) + "_" + n;
                DimOfName[name] = r.Dim;
                var inner = new Dictionary<string, string>(renames) { [r.Var] = name };
                var innerEnclosing = new HashSet<string>(enclosing) { name };
                return new Reduce(r.Op, name, r.Dim, Go(r.Body, inner, innerEnclosing));
            }
            case Access a: return new Access(a.Tensor, a.Indices.Select(ix => Ix(ix, renames)).ToEquatableArray());
            case Unary u: return new Unary(u.Op, Go(u.X, renames, enclosing));
            case PowConst p: return new PowConst(Go(p.X, renames, enclosing), p.P);
            case PowHyper p: return new PowHyper(Go(p.X, renames, enclosing), p.P);
            case Binary b: return new Binary(b.Op, Go(b.A, renames, enclosing), Go(b.B, renames, enclosing));
            case Select s: return new Select(Cond(s.Cond, renames, enclosing), Go(s.IfTrue, renames, enclosing), Go(s.IfFalse, renames, enclosing));
            default: return e;
        }
    }

    private Cond Cond(Cond c, Dictionary<string, string> renames, HashSet<string> enclosing) => c switch
    {
        IndexCompare ic => new IndexCompare(ic.Op, Ix(ic.A, renames), Ix(ic.B, renames)),
        ValueCompare vc => new ValueCompare(vc.Op, Go(vc.A, renames, enclosing), Go(vc.B, renames, enclosing)),
        AndCond a => new AndCond(Cond(a.A, renames, enclosing), Cond(a.B, renames, enclosing)),
        OrCond o => new OrCond(Cond(o.A, renames, enclosing), Cond(o.B, renames, enclosing)),
        NotCond n => new NotCond(Cond(n.A, renames, enclosing)),
        _ => c,
    };

    private static Ix Ix(Ix ix, Dictionary<string, string> renames) => ix switch
    {
        VarIx v => renames.TryGetValue(v.Var, out var to) ? new VarIx(to) : v,
        LabelIx l => new LabelIx(l.Labels, l.Indices.Select(x => Ix(x, renames)).ToEquatableArray()),
        _ => ix,
    };

    /// <summary>The user's name without the numeric suffix the parser added for uniqueness.</summary>
    private static string BaseName(string v)
    {
        var end = v.Length;
        while (end > 1 && char.IsDigit(v[end - 1])) end--;
        return v.Substring(0, end);
    }
}
