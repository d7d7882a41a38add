namespace LossGen.Compiler.Ir;

/// <summary>
/// Smart constructors that fold constants and drop identities as nodes are built. The derived
/// gradient multiplies adjoints by partial derivatives that are often 1 or 0; folding here keeps
/// the emitted code free of <c>x * 1</c> and dead terms.
/// </summary>
internal static class E
{
    public static Expr C(double v) => v == 0 ? Const.Zero : v == 1 ? Const.One : new Const(v);

    public static bool IsConst(Expr e, double v) => e is Const c && c.Value == v;

    public static Expr Add(Expr a, Expr b)
    {
        if (IsConst(a, 0)) return b;
        if (IsConst(b, 0)) return a;
        if (a is Const x && b is Const y) return C(x.Value + y.Value);
        if (b is Unary { Op: UnaryOp.Neg } nb) return Sub(a, nb.X);
        return new Binary(BinaryOp.Add, a, b);
    }

    public static Expr Sub(Expr a, Expr b)
    {
        if (IsConst(b, 0)) return a;
        if (IsConst(a, 0)) return Neg(b);
        if (a is Const x && b is Const y) return C(x.Value - y.Value);
        return new Binary(BinaryOp.Sub, a, b);
    }

    public static Expr Mul(Expr a, Expr b)
    {
        if (IsConst(a, 0) || IsConst(b, 0)) return Const.Zero;
        if (IsConst(a, 1)) return b;
        if (IsConst(b, 1)) return a;
        if (IsConst(a, -1)) return Neg(b);
        if (IsConst(b, -1)) return Neg(a);
        if (a is Const x && b is Const y) return C(x.Value * y.Value);
        if (a is Unary { Op: UnaryOp.Neg } na && b is Unary { Op: UnaryOp.Neg } nb2) return Mul(na.X, nb2.X);
        if (a is Unary { Op: UnaryOp.Neg } na2) return Neg(Mul(na2.X, b));
        if (b is Unary { Op: UnaryOp.Neg } nb3) return Neg(Mul(a, nb3.X));
        // Constants first reads like the math (2 * x) and lets further constants fold.
        if (b is Const && a is not Const) return Mul(b, a);
        if (a is Const ca && b is Binary { Op: BinaryOp.Mul, A: Const cb } inner) return Mul(C(ca.Value * cb.Value), inner.B);
        return new Binary(BinaryOp.Mul, a, b);
    }

    public static Expr Div(Expr a, Expr b)
    {
        if (IsConst(a, 0)) return Const.Zero;
        if (IsConst(b, 1)) return a;
        if (a is Const x && b is Const y && y.Value != 0) return C(x.Value / y.Value);
        if (a is Unary { Op: UnaryOp.Neg } na) return Neg(Div(na.X, b));
        return new Binary(BinaryOp.Div, a, b);
    }

    public static Expr Neg(Expr a) => a switch
    {
        Const c => C(-c.Value),
        Unary { Op: UnaryOp.Neg } n => n.X,
        _ => new Unary(UnaryOp.Neg, a),
    };

    public static Expr Un(UnaryOp op, Expr x) => op == UnaryOp.Neg ? Neg(x) : new Unary(op, x);

    /// <summary><c>cond ? a : b</c>, folded when both arms are equal.</summary>
    public static Expr Select(Cond cond, Expr a, Expr b) => a.Equals(b) ? a : new Select(cond, a, b);

    /// <summary>The indicator <c>cond ? v : 0</c>.</summary>
    public static Expr When(Cond cond, Expr v) => IsConst(v, 0) ? Const.Zero : new Select(cond, v, Const.Zero);

    /// <summary>The indicator <c>cond ? 0 : v</c>.</summary>
    public static Expr Unless(Cond cond, Expr v) => IsConst(v, 0) ? Const.Zero : new Select(cond, Const.Zero, v);
}
