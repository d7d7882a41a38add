using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Ir;

namespace LossGen.Compiler.Lowering;

/// <summary>
/// Which loop is the vector loop. A loop over <c>v</c> is vectorized when every tensor element it
/// touches (forward, gradient coefficients and gradient targets) uses <c>v</c> only as the last,
/// contiguous index, at least one does, and no label is read at <c>v</c> (that would be a
/// gather). Then lane <c>l</c> of a vector holds element <c>v + l</c>, loads and stores are
/// contiguous, and comparisons such as <c>j == y[i]</c> become lane masks.
/// </summary>
internal static class Vectorization
{
    public static bool CanVectorize(string v, IEnumerable<Expr> exprs)
    {
        var contiguous = false;
        foreach (var node in exprs.SelectMany(ExprWalk.Nodes))
        {
            if (node is Access a)
            {
                for (var p = 0; p < a.Indices.Count; p++)
                {
                    switch (a.Indices[p])
                    {
                        case VarIx x when x.Var == v:
                            if (p != a.Indices.Count - 1) return false;
                            contiguous = true;
                            break;
                        case LabelIx l when ExprWalk.FreeVars(l).Contains(v):
                            return false;
                    }
                }
            }
            if (node is Select s)
            {
                foreach (var ic in ExprWalk.IndexCompares(s))
                {
                    var left = ExprWalk.FreeVars(ic.A).Contains(v);
                    var right = ExprWalk.FreeVars(ic.B).Contains(v);
                    // A lane mask compares (v + lane) with a value that is the same in every lane.
                    if (left && right) return false;
                    if ((left && ic.A is not VarIx) || (right && ic.B is not VarIx)) return false;
                }
            }
        }
        return contiguous;
    }
}
