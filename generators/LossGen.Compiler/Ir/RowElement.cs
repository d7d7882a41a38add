using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Model;

namespace LossGen.Compiler.Ir;

/// <summary>
/// Whether an expression is one element of the row a reduction runs over: <c>s[i, y[i]]</c> is
/// an element of <c>LogSumExp(j => s[i, j])</c>, being its body with <c>j := y[i]</c>. For such a
/// t, <c>m − t ≥ 0</c> with m the row max, which is what makes the log-softmax form of
/// <see cref="Passes.Stabilize"/> ≤ 0 by construction.
/// </summary>
internal static class RowElement
{
    public static bool IsElementOf(Expr t, Reduce row)
    {
        // The body with the bound variable replaced by each index t reads; one of them must give t.
        // Structural equality, so this holds whatever the canonical name of the bound variable is.
        if (row.Body.Equals(t)) return true;
        return IndicesIn(t).Distinct().Any(ix =>
            ExprWalk.RenameVars(row.Body, new Dictionary<string, Ix> { [row.Var] = ix }).Equals(t));
    }

    private static IEnumerable<Ix> IndicesIn(Expr e) =>
        ExprWalk.Nodes(e).OfType<Access>().SelectMany(a => a.Indices).SelectMany(Flatten);

    private static IEnumerable<Ix> Flatten(Ix ix) =>
        ix is LabelIx l ? new[] { ix }.Concat(l.Indices.SelectMany(Flatten)) : new[] { ix };
}
