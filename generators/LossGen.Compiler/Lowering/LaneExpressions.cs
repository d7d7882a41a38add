using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Lowering;

using static LossGen.Compiler.Lowering.CSharpText;
using static LossGen.Compiler.Lowering.CodeBuilding;
using LossGen.Compiler.Emit;
using LossGen.Compiler.Model;
using LossGen.Compiler.Parse;
using LossGen.Compiler.Passes;

namespace LossGen.Compiler.Lowering;

/// <summary>
/// One loop body (or method body) being lowered: its statements (straight-line, printed by
/// <see cref="KernelPrinter"/>) and the values already computed in it.
/// </summary>
internal sealed class LaneBody
{
    public LaneBody(bool masked) => Masked = masked;

    /// <summary>The tail of a loop: loads are masked.</summary>
    public bool Masked { get; }

    public List<Stmt> Stmts { get; } = new();

    /// <summary>Expressions and conditions already computed in this body, by structure (CSE).</summary>
    public Dictionary<object, Code> Memo { get; } = new();
}

/// <summary>
/// Lowers per-element expressions of the IR to C# over generic lanes <c>V</c>, for both users of
/// element-wise code on the optimizer side: the update rule (<see cref="UpdateLowering"/>) and a
/// regularizer's gradient fused into it (<see cref="PenaltyEmitter"/>).
/// <list type="bullet">
/// <item>Hoisting: an expression that reads no tensor element (no <see cref="Access"/>) is the same
///   for every element; it is computed once, in double (<see cref="Scalars"/>), and broadcast to
///   lanes once (<see cref="Broadcasts"/>).</item>
/// <item>CSE: values are memoized by structural equality within a body.</item>
/// <item>Strength reduction: dividing by a uniform value multiplies by its reciprocal.</item>
/// </list>
/// How an element access is read is the caller's: <see cref="load"/> returns its code. The C# of each
/// operation comes from <see cref="LaneInstructions"/>, the selector the loss kernels use too.
/// </summary>
internal sealed class LaneExpressions
{
    private readonly HashSet<string> reserved;
    private readonly HashSet<string> steps;
    private readonly System.Func<LaneBody, Access, Code> load;
    private readonly Dictionary<Expr, Code> uniforms = new();
    private readonly Dictionary<Code, Code> splats = new();
    private int counter;

    /// <param name="reserved">Names the generated locals must avoid.</param>
    /// <param name="steps">Hyper-parameters that are step counters (long), converted to double where used.</param>
    /// <param name="load">The code that reads an element access in a body (a load, or a variable).</param>
    public LaneExpressions(IEnumerable<string> reserved, IEnumerable<string> steps, System.Func<LaneBody, Access, Code> load)
    {
        this.reserved = new HashSet<string>(reserved);
        this.steps = new HashSet<string>(steps);
        this.load = load;
    }

    /// <summary>The element-independent values, in order: each a double local and its code.</summary>
    public List<(string Name, Code Code)> Scalars { get; } = new();

    /// <summary>The broadcasts of uniform values to lanes, in order: each a V local and its code.</summary>
    public List<(string Name, Code Code)> Broadcasts { get; } = new();

    /// <summary>Whether <paramref name="e"/> is the same for every element: it reads no tensor element.</summary>
    public static bool IsUniform(Expr e) => !ExprWalk.Nodes(e).Any(n => n is Access);

    /// <summary>The value of <paramref name="e"/> as lanes: loaded, computed, or a broadcast uniform.</summary>
    public Code Varying(LaneBody b, Expr e, string? hint = null)
    {
        if (IsUniform(e)) return Splat(Uniform(e));
        if (b.Memo.TryGetValue(e, out var known)) return known;
        Code code;
        switch (e)
        {
            case Access a:
                code = load(b, a);
                hint ??= a.Tensor;
                break;
            case Unary u:
                code = LaneInstructions.Unary(u.Op, Varying(b, u.X), lanes: true);
                break;
            case PowConst pc:
                code = LaneInstructions.SmallPower(Varying(b, pc.X), pc.P, lanes: true)
                       ?? LaneInstructions.PowerByLogs(Varying(b, pc.X), Splat(Tx(Literal(pc.P))), lanes: true);
                break;
            case PowHyper ph:
                // As Lower's: exp(p·log x), with 0^p = Math.Pow(0, p) where x = 0 (0·log 0 is NaN).
                var px = Varying(b, ph.X);
                code = LaneInstructions.AtZero(px, Splat(C($"Math.Pow(0.0, {Uniform(ph.P)})")),
                    LaneInstructions.PowerByLogs(px, Splat(Uniform(ph.P)), lanes: true));
                break;
            case Binary { Op: BinaryOp.Div } div when IsUniform(div.B):
                // Strength reduction: a per-element division by a per-step value (√(1 − β₂ᵗ) in
                // Adam) becomes a multiplication by its reciprocal, computed once. A division costs
                // several times a multiplication and pipelines worse; the result may differ in the
                // last bit.
                code = C($"{Varying(b, div.A)} * {Splat(Uniform(new Binary(BinaryOp.Div, Const.One, div.B)))}");
                break;
            case Binary bin:
                var l = Varying(b, bin.A);
                var r = Varying(b, bin.B);
                code = LaneInstructions.Binary(bin.Op, l, r, lanes: true);
                break;
            case Select sel:
                var cond = Condition(b, sel.Cond);
                var yes = Varying(b, sel.IfTrue);
                var no = Varying(b, sel.IfFalse);
                code = cond.Mask ? C($"V.Select({cond.Code}, {yes}, {no})") : C($"{cond.Code} ? {yes} : {no}");
                break;
            default:
                throw new System.InvalidOperationException("Unexpected IR node in an element-wise expression: " + e.GetType().Name);
        }
        var name = Fresh(hint ?? "t");
        b.Stmts.Add(new Let("V", name, code));
        b.Memo[e] = Ref(name);
        return Ref(name);
    }

    private (Code Code, bool Mask) Condition(LaneBody b, Cond c)
    {
        if (b.Memo.TryGetValue(c, out var known)) return (known, true);
        Code code;
        switch (c)
        {
            case ValueCompare vc when IsUniform(vc.A) && IsUniform(vc.B):
                return (UniformCondition(vc), false);
            case ValueCompare vc:
                code = LaneInstructions.Compare(vc.Op, Varying(b, vc.A), Varying(b, vc.B));
                break;
            case AndCond a: code = C($"V.And({AsMask(Condition(b, a.A))}, {AsMask(Condition(b, a.B))})"); break;
            case OrCond o: code = C($"V.Or({AsMask(Condition(b, o.A))}, {AsMask(Condition(b, o.B))})"); break;
            case NotCond n: code = C($"V.Not({AsMask(Condition(b, n.A))})"); break;
            default: throw new System.InvalidOperationException("Unexpected condition in an element-wise expression: " + c);
        }
        var name = Fresh("mask");
        b.Stmts.Add(new Let("V", name, code));
        b.Memo[c] = Ref(name);
        return (Ref(name), true);
    }

    private static Code AsMask((Code Code, bool Mask) c) => c.Mask ? c.Code : C($"V.FirstLanes({c.Code} ? V.Count : 0)");

    // ---- once per call ----

    /// <summary>A value the same for every element, as a double computed once (see <see cref="Scalars"/>).</summary>
    public Code Uniform(Expr e)
    {
        switch (e)
        {
            case Const c: return Tx(Literal(c.Value));
            case Hyper h: return steps.Contains(h.Name) ? C($"(double){Ref(h.Name)}") : Ref(h.Name);
        }
        if (uniforms.TryGetValue(e, out var known)) return known;
        Code code;
        switch (e)
        {
            case Unary { Op: UnaryOp.Exp, X: Binary { Op: BinaryOp.Mul, A: var exponent, B: Unary { Op: UnaryOp.Log, X: var x } } }:
                code = C($"Math.Pow({Uniform(x)}, {Uniform(exponent)})");
                break;
            case Unary u:
                code = LaneInstructions.Unary(u.Op, Uniform(u.X), lanes: false);
                break;
            case PowConst pc:
                // Computed once per step, so Math.Pow, more accurate than exp(p·log x).
                code = LaneInstructions.SmallPower(Uniform(pc.X), pc.P, lanes: false) ?? C($"Math.Pow({Uniform(pc.X)}, {Tx(Literal(pc.P))})");
                break;
            case PowHyper ph:
                code = LaneInstructions.PowerOfDouble(Uniform(ph.X), Uniform(ph.P));
                break;
            case Binary bin:
                var l = Uniform(bin.A);
                var r = Uniform(bin.B);
                code = LaneInstructions.Binary(bin.Op, l, r, lanes: false);
                break;
            case Select sel:
                code = C($"{UniformCondition(sel.Cond)} ? {Uniform(sel.IfTrue)} : {Uniform(sel.IfFalse)}");
                break;
            default:
                throw new System.InvalidOperationException("Unexpected IR node in an element-wise expression: " + e.GetType().Name);
        }
        var name = Fresh("u");
        Scalars.Add((name, code));
        uniforms[e] = Ref(name);
        return Ref(name);
    }

    private Code UniformCondition(Cond c) => c switch
    {
        ValueCompare vc => C($"({Uniform(vc.A)} {Tx(ExprPrinter.Op(vc.Op))} {Uniform(vc.B)})"),
        AndCond a => C($"({UniformCondition(a.A)} && {UniformCondition(a.B)})"),
        OrCond o => C($"({UniformCondition(o.A)} || {UniformCondition(o.B)})"),
        NotCond n => C($"!{UniformCondition(n.A)}"),
        _ => throw new System.InvalidOperationException("Unexpected condition in an element-wise expression: " + c),
    };

    /// <summary>A uniform value in every lane, broadcast once (see <see cref="Broadcasts"/>).</summary>
    private Code Splat(Code uniform)
    {
        if (uniform == Tx("0.0")) return Tx("V.Zero");
        if (uniform == Tx("1.0")) return Tx("V.One");
        if (splats.TryGetValue(uniform, out var known)) return known;
        var name = Fresh("s");
        Broadcasts.Add((name, C($"V.Splat(V.Narrow({uniform}))")));
        splats[uniform] = Ref(name);
        return Ref(name);
    }

    /// <summary>A new local name with the given prefix, never a reserved one.</summary>
    public string Fresh(string prefix)
    {
        string name;
        do name = prefix + (++counter); while (reserved.Contains(name));
        return name;
    }
}
