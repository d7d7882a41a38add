using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Model;

using static LossGen.Compiler.Lowering.CSharpText;
using static LossGen.Compiler.Lowering.CodeBuilding;

namespace LossGen.Compiler.Lowering;

// Instruction selection for expressions: each distinct subexpression becomes one local, in the
// outermost scope where it can be computed.
internal sealed partial class Lower
{
    private Val Eval(Scope s, Expr e)
    {
        switch (e)
        {
            case Const c: return new Val(Lit(c.Value), ValKind.Uniform, Root(s));
            case Hyper h: return new Val(Ref(Naming.Kernel(decl, h.Name)), ValKind.Uniform, Root(s));
            case Extent x: return new Val(C($"(double){DimParam(x.Dim)}"), ValKind.Uniform, Root(s));
        }
        var home = HomeOf(s, ExprWalk.FreeVars(e));
        if (home.Memo.TryGetValue(e, out var known)) return known;
        if (home.Var is not null && Materialized(home, e) is { } row)
        {
            var loaded = LoadScratch(home, row);
            home.Memo[e] = loaded;
            return loaded;
        }
        var value = Compute(home, e);
        home.Memo[e] = value;
        return value;
    }

    private static Scope Root(Scope s) => s.Parent is null ? s : Root(s.Parent);

    /// <summary>The outermost scope, from <paramref name="s"/> up, where all of <paramref name="free"/> are bound.</summary>
    private static Scope HomeOf(Scope s, HashSet<string> free)
    {
        var home = s;
        while (home.Parent is not null && free.All(home.Parent.Bound.Contains)) home = home.Parent;
        return home;
    }

    private static bool IsVarying(Scope home, HashSet<string> free) => home.LaneVar is not null && free.Contains(home.LaneVar);

    private Val Local(Scope home, ValKind kind, Code code, string prefix = "t")
    {
        var name = Fresh(prefix);
        var declType = kind switch { ValKind.Uniform => "double", ValKind.Index => "int", ValKind.Bool => "bool", _ => "V" };
        home.Stmts.Add(new Let(declType, name, code));
        return new Val(Ref(name), kind, home);
    }

    private Val Compute(Scope home, Expr e)
    {
        var varying = IsVarying(home, ExprWalk.FreeVars(e));
        switch (e)
        {
            case Access a:
                if (varying && home.RowsAcross) return LoadAcrossRows(home, a);
                var offset = Offset(home, a.Tensor, a.Indices);
                var tensor = Ref(Naming.Kernel(decl, a.Tensor));
                if (!varying) return Local(home, ValKind.Uniform, C($"V.Widen({tensor}[{offset}])"), "x");
                return Local(home, ValKind.Varying, home.Masked
                    ? C($"V.LoadPartial({tensor}, {offset}, {Ref(home.Remaining!)})")
                    : C($"V.Load({tensor}, {offset})"), "x");
            case Unary u: return ComputeUnary(home, u.Op, Eval(home, u.X), varying);
            case PowConst p: return ComputePow(home, p, varying);
            case PowHyper p: return ComputePowHyper(home, p, varying);
            case Binary { Op: BinaryOp.Sub, A: Reduce { Op: ReduceOp.LogSumExp } lse } b:
                return ComputeLogSoftmaxForm(home, lse, Eval(home, b.B));
            case Binary b: return ComputeBinary(home, b.Op, Eval(home, b.A), Eval(home, b.B), varying);
            case Select sel:
                var cond = EvalCond(home, sel.Cond);
                var yes = Eval(home, sel.IfTrue);
                var no = Eval(home, sel.IfFalse);
                if (cond.Kind == ValKind.Mask)
                    return Local(home, ValKind.Varying, C($"V.Select({cond.Code}, {AsVarying(home, yes)}, {AsVarying(home, no)})"));
                return varying
                    ? Local(home, ValKind.Varying, C($"{cond.Code} ? {AsVarying(home, yes)} : {AsVarying(home, no)}"))
                    : Local(home, ValKind.Uniform, C($"{cond.Code} ? {yes.Code} : {no.Code}"));
            case Reduce r:
                return LowerReduce(home, r);
            default:
                throw new System.InvalidOperationException("Unexpected IR node " + e.GetType().Name);
        }
    }

    /// <summary>
    /// <c>logsumexp(x) − t</c> evaluated as <c>(m − t) + log z</c>, the log-softmax form (Stabilize
    /// writes every log-probability t − logsumexp as its negation, so it lands here too): when t is
    /// the largest score (the usual cross-entropy case) m − t is exactly 0 and log z survives,
    /// where m + log z would round to m at |x| ~ 1e30 and the loss would come out 0 instead of log z.
    /// </summary>
    private Val ComputeLogSoftmaxForm(Scope home, Reduce lse, Val t)
    {
        var m = Eval(home, LogSumExpParts.Shift(lse));
        var z = Eval(home, LogSumExpParts.Normalizer(lse));
        if (m.Kind != ValKind.Varying && z.Kind != ValKind.Varying && t.Kind == ValKind.Varying)
        {
            // One row's m and z against each lane's t (Σ_j of s[i, j] − logsumexp): log z once per
            // row, where the row's values live, then one subtraction and one addition per element.
            // z depends on m, so z's scope is m's or inside it: both are known there.
            var key = ("logz", m.Code, z.Code);
            if (!z.Home.Memo.TryGetValue(key, out var logZ))
            {
                logZ = Local(z.Home, ValKind.Uniform, C($"double.IsFinite({m.Code}) ? Scalar.Log({z.Code}) : 0.0"));
                z.Home.Memo[key] = logZ;
            }
            var shifted = Local(home, ValKind.Varying, C($"{AsVarying(home, m)} - {t.Code}"));
            return Local(home, ValKind.Varying, C($"{shifted.Code} + {AsVarying(home, logZ)}"));
        }
        if (m.Kind == ValKind.Varying || z.Kind == ValKind.Varying || t.Kind == ValKind.Varying)
        {
            // The same per row across lanes; m − m is 0 exactly where m is finite.
            var (mv, zv, tv) = (AsVarying(home, m), AsVarying(home, z), AsVarying(home, t));
            var shifted = Local(home, ValKind.Varying, C($"{mv} - {tv}"));
            return Local(home, ValKind.Varying,
                C($"V.Select(V.Equal({mv} - {mv}, V.Zero), {shifted.Code} + V.Log({zv}), {shifted.Code})"));
        }
        return Local(home, ValKind.Uniform,
            C($"double.IsFinite({m.Code}) ? ({m.Code} - {t.Code}) + Scalar.Log({z.Code}) : {m.Code} - {t.Code}"));
    }

    private Val ComputeUnary(Scope home, UnaryOp op, Val x, bool varying)
    {
        if (varying) return Local(home, ValKind.Varying, LaneInstructions.Unary(op, AsVarying(home, x), lanes: true));
        return Local(home, ValKind.Uniform, LaneInstructions.Unary(op, x.Code, lanes: false));
    }

    private Val ComputePow(Scope home, PowConst p, bool varying)
    {
        var x = Eval(home, p.X);
        var xs = varying ? AsVarying(home, x) : x.Code;
        var kind = varying ? ValKind.Varying : ValKind.Uniform;
        var n = p.P;
        if (LaneInstructions.SmallPower(xs, n, varying) is { } product) return Local(home, kind, product);
        var exponent = varying ? AsVarying(home, new Val(Lit(n), ValKind.Uniform, Root(home))) : Lit(n);
        return Local(home, kind, LaneInstructions.PowerByLogs(xs, exponent, varying));
    }

    /// <summary>
    /// x^γ for a run-time exponent (see <see cref="PowHyper"/>): Math.Pow where x is one value,
    /// exp(γ·log x) in lanes, with the lanes where x = 0 set to Math.Pow(0, γ) computed once,
    /// since γ·log 0 = 0·(−∞) is NaN at γ = 0 and 0^0 = 1. x &lt; 0 gives NaN on both paths.
    /// </summary>
    private Val ComputePowHyper(Scope home, PowHyper p, bool varying)
    {
        var x = Eval(home, p.X);
        var exponent = Eval(home, p.P);
        if (!varying)
            return Local(home, ValKind.Uniform, LaneInstructions.PowerOfDouble(x.Code, exponent.Code));
        var xv = AsVarying(home, x);
        var key = ("pow0", exponent.Code);
        if (!exponent.Home.Memo.TryGetValue(key, out var atZero))
        {
            atZero = Local(exponent.Home, ValKind.Uniform, C($"Math.Pow(0.0, {exponent.Code})"));
            exponent.Home.Memo[key] = atZero;
        }
        var general = Local(home, ValKind.Varying, LaneInstructions.PowerByLogs(xv, AsVarying(home, exponent), lanes: true));
        return Local(home, ValKind.Varying, LaneInstructions.AtZero(xv, AsVarying(home, atZero), general.Code));
    }

    private Val ComputeBinary(Scope home, BinaryOp op, Val a, Val b, bool varying)
    {
        if (varying)
        {
            var x = AsVarying(home, a);
            var y = AsVarying(home, b);
            return Local(home, ValKind.Varying, LaneInstructions.Binary(op, x, y, lanes: true));
        }
        return Local(home, ValKind.Uniform, LaneInstructions.Binary(op, a.Code, b.Code, lanes: false));
    }

    /// <summary>A uniform value broadcast to every lane, computed once where the value itself lives.</summary>
    private Code AsVarying(Scope use, Val v)
    {
        if (v.Kind == ValKind.Varying) return v.Code;
        if (v.Code == Lit(0)) return Tx("V.Zero");
        if (v.Code == Lit(1)) return Tx("V.One");
        var home = v.Home;
        var key = ("splat", v.Code);
        if (home.Memo.TryGetValue(key, out var known)) return known.Code;
        var splat = Local(home, ValKind.Varying, C($"V.Splat(V.Narrow({v.Code}))"), "b");
        home.Memo[key] = splat;
        return splat.Code;
    }

    /// <summary>A value as a double: a vector's lanes summed (in the element type, then widened).</summary>
    private Code AsUniform(Val v) => v.Kind == ValKind.Varying ? C($"V.Widen(V.Sum({v.Code}))") : v.Code;

    /// <summary>A value as an element of the kernel's element type T, for a store: a vector's lanes summed, a double narrowed.</summary>
    private Code AsElement(Val v) => v.Kind == ValKind.Varying ? C($"V.Sum({v.Code})") : v.Element ?? C($"V.Narrow({v.Code})");

    // ---- indices and offsets ----

    private Code IndexOf(Scope s, Ix ix)
    {
        switch (ix)
        {
            case VarIx v: return Ref(v.Var);
            case ConstIx c: return C($"{c.Value}");
            case LabelIx l:
                var home = HomeOf(s, ExprWalk.FreeVars(l));
                if (home.Memo.TryGetValue(l, out var known)) return known.Code;
                var label = Local(home, ValKind.Index, C($"{Ref(Naming.Kernel(decl, l.Labels))}[{Offset(home, l.Labels, l.Indices)}]"), "label");
                home.Memo[l] = label;
                return label.Code;
            default:
                throw new System.InvalidOperationException("Unexpected index " + ix);
        }
    }

    /// <summary>
    /// The row-major offset of an element: ((i0·d1 + i1)·d2 + i2)…; every prefix is a local in
    /// the outermost scope where its indices are bound, so a row's base offset is computed once per row.
    /// </summary>
    private Code Offset(Scope s, string tensor, EquatableArray<Ix> indices)
    {
        var dims = tensors[tensor].Dims;
        var code = IndexOf(s, indices[0]);
        for (var p = 1; p < indices.Count; p++)
        {
            var prefix = new EquatableArray<Ix>(indices.Take(p));
            var prefixFree = new HashSet<string>(prefix.SelectMany(ix => ExprWalk.FreeVars(ix)));
            var home = HomeOf(s, prefixFree);
            var key = ("offset", string.Join(",", dims.Take(p + 1)), prefix);
            if (!home.Memo.TryGetValue(key, out var rowBase))
            {
                // Parenthesized: for rank ≥ 3 the running offset is a sum, (i·d1 + j)·d2.
                // An axis of fixed size 1 (a broadcast column) multiplies by nothing.
                var extent = DimParam(dims[p]);
                var scaled = extent == Tx("1") ? code : p == 1 ? C($"{code} * {extent}") : C($"({code}) * {extent}");
                rowBase = Local(home, ValKind.Index, scaled, "o");
                home.Memo[key] = rowBase;
            }
            // Element 0 of an axis (the one element of a broadcast axis) adds nothing.
            code = indices[p] is ConstIx { Value: 0 } ? rowBase.Code : C($"{rowBase.Code} + {IndexOf(s, indices[p])}");
        }
        return code;
    }

    // ---- conditions ----

    private Val EvalCond(Scope s, Cond c)
    {
        var free = new HashSet<string>(CondFree(c));
        var home = HomeOf(s, free);
        if (home.Memo.TryGetValue(c, out var known)) return known;
        var value = ComputeCond(home, c, IsVarying(home, free));
        home.Memo[c] = value;
        return value;
    }

    private IEnumerable<string> CondFree(Cond c) =>
        ExprWalk.FreeVars(new Select(c, Const.Zero, Const.One));

    private Val ComputeCond(Scope home, Cond c, bool varying)
    {
        switch (c)
        {
            case IndexCompare ic when varying && home.RowsAcross && (ic.A is LabelIx || ic.B is LabelIx)
                                            && !(ic.A is VarIx { Var: var va } && va == home.LaneVar) && !(ic.B is VarIx { Var: var vb } && vb == home.LaneVar):
                // One side is the row's label (y[i]), the other the same in every lane (j).
                var labelLeft = ic.A is LabelIx la2 && ExprWalk.FreeVars(la2).Contains(home.LaneVar!);
                return LabelMaskAcrossRows(home, (LabelIx)(labelLeft ? ic.A : ic.B), labelLeft ? ic.Op : Flip(ic.Op), labelLeft ? ic.B : ic.A);
            case IndexCompare ic when varying:
                var laneLeft = ic.A is VarIx la && la.Var == home.LaneVar;
                var op = laneLeft ? ic.Op : Flip(ic.Op);
                var other = IndexOf(home, laneLeft ? ic.B : ic.A);
                return Local(home, ValKind.Mask, C($"V.IndexMask({Ref(home.LaneVar!)}, IndexComparison.{Tx(MaskName(op))}, {other})"), "m");
            case IndexCompare ic:
                var (ia, ib) = (IndexOf(home, ic.A), IndexOf(home, ic.B));
                // A comprehension used at t[y[i], i] turns its "p != y[q]" into y[i] != y[i]: emit
                // the constant rather than a self-comparison C# warns about (CS1718).
                if (ia == ib)
                    return Local(home, ValKind.Bool, Tx(ic.Op is CompareOp.Eq or CompareOp.Le or CompareOp.Ge ? "true" : "false"), "c");
                return Local(home, ValKind.Bool, C($"{ia} {Tx(ExprPrinter.Op(ic.Op))} {ib}"), "c");
            case ValueCompare vc when varying:
                return Local(home, ValKind.Mask,
                    LaneInstructions.Compare(vc.Op, AsVarying(home, Eval(home, vc.A)), AsVarying(home, Eval(home, vc.B))), "m");
            case ValueCompare vc:
                var (left, right) = (Eval(home, vc.A).Code, Eval(home, vc.B).Code);
                // Max(x, x) derives x >= x; C# warns on a comparison of a variable with itself
                // (CS1718), so emit what it evaluates to: true unless x is NaN (false for < and >).
                if (left == right)
                    return Local(home, ValKind.Bool, vc.Op switch
                    {
                        CompareOp.Lt or CompareOp.Gt => Tx("false"),
                        CompareOp.Ne => C($"double.IsNaN({left})"),
                        _ => C($"!double.IsNaN({left})"),
                    }, "c");
                return Local(home, ValKind.Bool, C($"{left} {Tx(ExprPrinter.Op(vc.Op))} {right}"), "c");
            case IsArgExtreme ae: return SelectedElementTest(home, ae, varying);
            case AndCond a: return Combine(home, EvalCond(home, a.A), EvalCond(home, a.B), "&&", "And");
            case OrCond o: return Combine(home, EvalCond(home, o.A), EvalCond(home, o.B), "||", "Or");
            case NotCond n:
                var inner = EvalCond(home, n.A);
                return inner.Kind == ValKind.Mask
                    ? Local(home, ValKind.Mask, C($"V.Not({inner.Code})"), "m")
                    : Local(home, ValKind.Bool, C($"!{inner.Code}"), "c");
            default:
                throw new System.InvalidOperationException("Unexpected condition " + c);
        }
    }

    private Val Combine(Scope home, Val a, Val b, string boolOp, string maskOp)
    {
        if (a.Kind == ValKind.Bool && b.Kind == ValKind.Bool)
            return Local(home, ValKind.Bool, C($"{a.Code} {Tx(boolOp)} {b.Code}"), "c");
        return Local(home, ValKind.Mask, C($"V.{Tx(maskOp)}({AsMask(a)}, {AsMask(b)})"), "m");
    }

    /// <summary>A bool as a lane mask: all lanes set or none.</summary>
    private static Code AsMask(Val v) => v.Kind == ValKind.Mask ? v.Code : C($"V.FirstLanes({v.Code} ? V.Count : 0)");

    private static CompareOp Flip(CompareOp op) => op switch
    {
        CompareOp.Lt => CompareOp.Gt,
        CompareOp.Le => CompareOp.Ge,
        CompareOp.Gt => CompareOp.Lt,
        CompareOp.Ge => CompareOp.Le,
        _ => op,
    };

    private static string MaskName(CompareOp op) => op switch
    {
        CompareOp.Eq => "Equal",
        CompareOp.Ne => "NotEqual",
        CompareOp.Lt => "Less",
        CompareOp.Le => "LessOrEqual",
        CompareOp.Gt => "Greater",
        _ => "GreaterOrEqual",
    };

}
