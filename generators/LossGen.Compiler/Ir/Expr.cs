using LossGen.Compiler.Model;

namespace LossGen.Compiler.Ir;

// The LossGen IR: scalar expressions over tensor elements, indexed by named index variables, with
// reductions that bind those variables. Nodes are records, so structurally equal subexpressions
// are equal values: that is what common-subexpression elimination and loop-invariant hoisting in
// the Lower pass key on. Nodes carry no source positions for the same reason; the parser keeps
// positions beside the IR (see AccessSite).

internal abstract record Expr;

/// <summary>A numeric literal.</summary>
internal sealed record Const(double Value) : Expr
{
    public static readonly Const Zero = new(0), One = new(1);
}

/// <summary>A scalar hyper-parameter of the declaration (Δ, λ, β …).</summary>
internal sealed record Hyper(string Name) : Expr;

/// <summary>The size of a symbolic dimension, as a number (Mean divides by it).</summary>
internal sealed record Extent(string Dim) : Expr;

/// <summary>An element of a tensor parameter: <c>s[i, y[i]]</c>.</summary>
internal sealed record Access(string Tensor, EquatableArray<Ix> Indices) : Expr;

internal enum UnaryOp { Neg, Exp, Log, Sqrt, Sqr, Abs, Sign, Relu, Sigmoid, Softplus, Tanh }

internal sealed record Unary(UnaryOp Op, Expr X) : Expr;

internal enum BinaryOp { Add, Sub, Mul, Div, Max, Min }

internal sealed record Binary(BinaryOp Op, Expr A, Expr B) : Expr;

/// <summary><c>x^p</c> with a constant exponent.</summary>
internal sealed record PowConst(Expr X, double P) : Expr;

/// <summary>
/// <c>x^p</c> with an exponent known only at run time, the same for every element: a scalar
/// hyper-parameter (<c>Pow(1 − p, gamma)</c>), or that minus a constant in a derivative
/// (γ·x^(γ−1)). Defined for x ≥ 0 (NaN for x &lt; 0, as no exponent is known to be an integer);
/// 0^p is Math.Pow(0, p). Kept apart from <see cref="PowConst"/>, whose literal exponent is
/// strength-reduced at compile time.
/// </summary>
internal sealed record PowHyper(Expr X, Expr P) : Expr;

/// <summary>The conditional operator.</summary>
internal sealed record Select(Cond Cond, Expr IfTrue, Expr IfFalse) : Expr;

internal enum ReduceOp { Sum, Mean, Max, Min, LogSumExp }

/// <summary>
/// A reduction binding <see cref="Var"/> over the dimension <see cref="Dim"/> (empty until the
/// Shapes pass has inferred it). Multi-variable reductions are nested single ones.
/// </summary>
internal sealed record Reduce(ReduceOp Op, string Var, string Dim, Expr Body) : Expr;

internal enum CompareOp { Eq, Ne, Lt, Le, Gt, Ge }

internal abstract record Cond;

/// <summary>A comparison of two indices (index variables or labels).</summary>
internal sealed record IndexCompare(CompareOp Op, Ix A, Ix B) : Cond;

/// <summary>A comparison of two scalar values; used by the derived gradient at kinks.</summary>
internal sealed record ValueCompare(CompareOp Op, Expr A, Expr B) : Cond;

/// <summary>
/// <see cref="Index"/> is the element the forward pass of the Max/Min reduction <see cref="Of"/>
/// selected: the first one (lowest index) reaching the extreme. Used by the derived gradient of
/// Max/Min reductions instead of re-testing <c>body == result</c>, which needs a recomputed body to
/// be bit-equal to the forward one (a nested log-sum-exp summed in another order is not).
/// </summary>
internal sealed record IsArgExtreme(Ix Index, Reduce Of) : Cond;

internal sealed record AndCond(Cond A, Cond B) : Cond;

internal sealed record OrCond(Cond A, Cond B) : Cond;

internal sealed record NotCond(Cond A) : Cond;

/// <summary>An index: an index variable, or a label <c>y[i]</c>.</summary>
internal abstract record Ix;

internal sealed record VarIx(string Var) : Ix;

internal sealed record LabelIx(string Labels, EquatableArray<Ix> Indices) : Ix;

/// <summary>
/// A fixed index. Only 0 into an axis of size 1 is produced: that is how a whole-tensor
/// expression reads an operand along an axis that broadcasting stretches (c[i, 0] for c of shape
/// [N, 1] in X - c).
/// </summary>
internal sealed record ConstIx(int Value) : Ix;
