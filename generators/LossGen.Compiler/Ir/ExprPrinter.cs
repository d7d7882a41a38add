using System.Globalization;
using System.Linq;

namespace LossGen.Compiler.Ir;

/// <summary>Prints IR as compact math text, for the XML docs and comments of generated code.</summary>
internal static class ExprPrinter
{
    public static string Print(Expr e) => P(e, 0);

    // Precedence: 0 lowest (+ −), 1 (* /), 2 unary, 3 atoms.
    private static string P(Expr e, int ctx)
    {
        string Wrap(string s, int prec) => prec < ctx ? "(" + s + ")" : s;
        switch (e)
        {
            case Const c: return Num(c.Value);
            case Hyper h: return h.Name;
            case Extent x: return x.Dim;
            case Access a: return a.Tensor + "[" + string.Join(", ", a.Indices.Select(Ix)) + "]";
            case Unary { Op: UnaryOp.Neg } n: return Wrap("−" + P(n.X, 2), 2);
            case Unary { Op: UnaryOp.Sqr } s: return P(s.X, 3) + "²";
            case Unary u: return u.Op.ToString().ToLowerInvariant() + "(" + P(u.X, 0) + ")";
            case PowConst p: return P(p.X, 3) + "^" + Num(p.P);
            case PowHyper p: return P(p.X, 3) + "^" + P(p.P, 3);
            case Binary { Op: BinaryOp.Add } b: return Wrap(P(b.A, 0) + " + " + P(b.B, 0), 0);
            case Binary { Op: BinaryOp.Sub } b: return Wrap(P(b.A, 0) + " − " + P(b.B, 1), 0);
            case Binary { Op: BinaryOp.Mul } b: return Wrap(P(b.A, 1) + "·" + P(b.B, 2), 1);
            case Binary { Op: BinaryOp.Div } b: return Wrap(P(b.A, 1) + "/" + P(b.B, 2), 1);
            case Binary b: return b.Op.ToString().ToLowerInvariant() + "(" + P(b.A, 0) + ", " + P(b.B, 0) + ")";
            case Select s: return "[" + C(s.Cond) + " ? " + P(s.IfTrue, 0) + " : " + P(s.IfFalse, 0) + "]";
            case Reduce r: return ReduceName(r.Op) + "_" + r.Var + "(" + P(r.Body, 0) + ")";
            default: return e.ToString();
        }
    }

    private static string ReduceName(ReduceOp op) => op switch
    {
        ReduceOp.Sum => "Σ",
        ReduceOp.Mean => "mean",
        ReduceOp.Max => "max",
        ReduceOp.Min => "min",
        _ => "logsumexp",
    };

    public static string Ix(Ix ix) => ix switch
    {
        VarIx v => v.Var,
        ConstIx c => c.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        LabelIx l => l.Labels + "[" + string.Join(", ", l.Indices.Select(Ix)) + "]",
        _ => "?",
    };

    public static string C(Cond c) => c switch
    {
        IndexCompare ic => Ix(ic.A) + " " + Op(ic.Op) + " " + Ix(ic.B),
        ValueCompare vc => P(vc.A, 0) + " " + Op(vc.Op) + " " + P(vc.B, 0),
        IsArgExtreme ae => Ix(ae.Index) + " == arg" + P(ae.Of, 0),
        AndCond a => C(a.A) + " && " + C(a.B),
        OrCond o => "(" + C(o.A) + " || " + C(o.B) + ")",
        NotCond n => "!(" + C(n.A) + ")",
        _ => "?",
    };

    public static string Op(CompareOp op) => op switch
    {
        CompareOp.Eq => "==",
        CompareOp.Ne => "!=",
        CompareOp.Lt => "<",
        CompareOp.Le => "<=",
        CompareOp.Gt => ">",
        _ => ">=",
    };

    public static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
