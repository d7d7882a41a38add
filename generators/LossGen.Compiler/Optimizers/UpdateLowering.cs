using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Lowering;

using static LossGen.Compiler.Lowering.CSharpText;

namespace LossGen.Compiler.Optimizers;

/// <summary>
/// A lowered update: the statements computed once per step (<see cref="Preamble"/>), and the loop
/// body for a full vector of <c>V.Count</c> elements starting at p (<see cref="Body"/>) and for the
/// last <c>rem &lt; V.Count</c> elements (<see cref="Tail"/>, masked loads and stores).
/// </summary>
/// <summary>The kernel's own variables: the element index, the element count and the tail's remaining count.</summary>
internal sealed record LoopNames(string Index, string Count, string Remaining)
{
    /// <summary>p, n and rem, with underscores appended while a name is taken by a parameter of the rule.</summary>
    public static LoopNames Avoiding(ICollection<string> taken)
    {
        string Pick(string name) => taken.Contains(name) ? Pick(name + "_") : name;
        return new LoopNames(Pick("p"), Pick("n"), Pick("rem"));
    }
}

internal sealed record UpdateKernel(IReadOnlyList<string> Preamble, IReadOnlyList<string> Body, IReadOnlyList<string> Tail);

/// <summary>
/// Lowers an update rule to one fused loop over the elements.
/// <list type="bullet">
/// <item>Hoisting: an expression is element-independent exactly when it reads no buffer (no
///   <see cref="Access"/>); such values (bias corrections 1 − β^t, lr/(1 − β₁^t), 1 − β …) are
///   computed once per step in double, before the loop, and broadcast to lanes once.</item>
/// <item>CSE: values are memoized by structural equality, so each buffer is loaded once per
///   element and each distinct subexpression computed once, however often the rule names it.</item>
/// <item>Each buffer the rule assigns is stored once, with its final value; a buffer only read
///   (the gradient, or state a rule leaves alone) is never written.</item>
/// <item>Strength reduction: dividing by an element-independent value multiplies by its
///   reciprocal, computed once.</item>
/// <item>Vector lanes: lane k holds element p + k; the tail repeats the body with masked loads
///   and stores, whose inactive lanes are neither read nor written.</item>
/// </list>
/// </summary>
internal sealed class UpdateLowering
{
    private readonly OptimizerModel model;
    private readonly string elementType;
    private readonly HashSet<string> reserved;
    private readonly HashSet<string> steps;
    private readonly LoopNames names;
    private readonly List<string> preamble = new();
    private readonly List<string> broadcasts = new();
    private readonly Dictionary<Expr, string> uniforms = new();
    private readonly Dictionary<string, string> splats = new();
    private int counter;

    private UpdateLowering(OptimizerModel model, ElementType type, IEnumerable<string> reserved, LoopNames names)
    {
        this.names = names;
        this.model = model;
        elementType = type == ElementType.Float ? "float" : "double";
        this.reserved = new HashSet<string>(reserved);
        steps = new HashSet<string>(model.Parameters.Where(p => p.Kind == OptimizerParamKind.Step).Select(p => p.Name));
    }

    /// <param name="reserved">Names already taken in the kernel (its parameters), which locals must avoid.</param>
    public static UpdateKernel Run(OptimizerModel model, ElementType type, IEnumerable<string> reserved, LoopNames names)
    {
        var lowering = new UpdateLowering(model, type, reserved.Concat(new[] { names.Index, names.Count, names.Remaining }), names);
        var body = lowering.Pass(masked: false);
        var tail = lowering.Pass(masked: true);
        // Every scalar first, then every broadcast: Math.Pow is a call, and a call between a
        // broadcast and the loop makes the JIT spill the vector to the stack and reload it from
        // memory in every iteration (no vector register survives a call on x64 Unix).
        return new UpdateKernel(lowering.preamble.Concat(lowering.broadcasts).ToList(), body, tail);
    }

    /// <summary>The buffers the rule writes, each with its value after the step.</summary>
    public static IEnumerable<(string Buffer, Expr Value)> FinalValues(OptimizerModel model) =>
        model.Parameters.Where(p => p.IsBuffer)
            .Select(p => (p.Name, Value: model.Statements.LastOrDefault(s => s.Target == p.Name)?.Value))
            .Where(x => x.Value is not null && !x.Value.Equals(Initial(x.Name)))
            .Select(x => (x.Name, x.Value!));

    private static Expr Initial(string buffer) =>
        new Access(buffer, Model.EquatableArray.Of<Ix>(new VarIx(OptimizerModel.Element)));

    /// <summary>Whether <paramref name="e"/> is the same for every element: it reads no buffer.</summary>
    public static bool IsUniform(Expr e) => !ExprWalk.Nodes(e).Any(n => n is Access);

    // ---- one loop body ----

    private sealed class Body
    {
        public Body(bool masked) => Masked = masked;
        public bool Masked { get; }
        public List<string> Lines { get; } = new();
        public Dictionary<object, string> Memo { get; } = new();
    }

    private List<string> Pass(bool masked)
    {
        var body = new Body(masked);
        foreach (var s in model.Statements)
        {
            body.Lines.Add("// " + s.Text);
            Varying(body, s.Value, s.Target);
        }
        foreach (var (buffer, value) in FinalValues(model))
        {
            var v = Varying(body, value, buffer);
            body.Lines.Add(masked ? $"V.StorePartial({buffer}, {names.Index}, {names.Remaining}, {v});" : $"V.Store({buffer}, {names.Index}, {v});");
        }
        return body.Lines;
    }

    /// <summary>The value of <paramref name="e"/> as lanes: loaded, computed, or a broadcast uniform.</summary>
    private string Varying(Body b, Expr e, string? hint = null)
    {
        if (IsUniform(e)) return Splat(Uniform(e));
        if (b.Memo.TryGetValue(e, out var known)) return known;
        string code;
        switch (e)
        {
            case Access a:
                code = b.Masked ? $"V.LoadPartial({a.Tensor}, {names.Index}, {names.Remaining})" : $"V.Load({a.Tensor}, {names.Index})";
                hint ??= a.Tensor;
                break;
            case Unary u:
                var x = Varying(b, u.X);
                code = u.Op switch
                {
                    UnaryOp.Neg => $"-{x}",
                    UnaryOp.Sqr => $"{x} * {x}",
                    UnaryOp.Relu => $"V.Max({x}, V.Zero)",
                    _ => $"V.{u.Op}({x})",
                };
                break;
            case PowConst pc:
                code = SmallPower(Varying(b, pc.X), pc.P, "V.One")
                       ?? $"V.Exp({Splat(Literal(pc.P))} * V.Log({Varying(b, pc.X)}))";
                break;
            case Binary { Op: BinaryOp.Div } div when IsUniform(div.B):
                // Strength reduction: a per-element division by a per-step value (√(1 − β₂ᵗ) in
                // Adam) becomes a multiplication by its reciprocal, computed once. A division costs
                // several times a multiplication and pipelines worse; the result may differ in the
                // last bit.
                code = $"{Varying(b, div.A)} * {Splat(Uniform(new Binary(BinaryOp.Div, Const.One, div.B)))}";
                break;
            case Binary bin:
                var l = Varying(b, bin.A);
                var r = Varying(b, bin.B);
                code = bin.Op switch
                {
                    BinaryOp.Add => $"{l} + {r}",
                    BinaryOp.Sub => $"{l} - {r}",
                    BinaryOp.Mul => $"{l} * {r}",
                    BinaryOp.Div => $"{l} / {r}",
                    BinaryOp.Max => $"V.Max({l}, {r})",
                    _ => $"V.Min({l}, {r})",
                };
                break;
            case Select sel:
                var cond = Condition(b, sel.Cond);
                var yes = Varying(b, sel.IfTrue);
                var no = Varying(b, sel.IfFalse);
                code = cond.Mask ? $"V.Select({cond.Code}, {yes}, {no})" : $"{cond.Code} ? {yes} : {no}";
                break;
            default:
                throw new System.InvalidOperationException("Unexpected IR node in an update rule: " + e.GetType().Name);
        }
        var name = Fresh(hint ?? "t");
        b.Lines.Add($"V {name} = {code};");
        b.Memo[e] = name;
        return name;
    }

    private (string Code, bool Mask) Condition(Body b, Cond c)
    {
        if (b.Memo.TryGetValue(c, out var known)) return (known, true);
        string code;
        switch (c)
        {
            case ValueCompare vc when IsUniform(vc.A) && IsUniform(vc.B):
                return (UniformCondition(vc), false);
            case ValueCompare vc:
                code = $"V.{CompareName(vc.Op)}({Varying(b, vc.A)}, {Varying(b, vc.B)})";
                break;
            case AndCond a: code = $"V.And({AsMask(Condition(b, a.A))}, {AsMask(Condition(b, a.B))})"; break;
            case OrCond o: code = $"V.Or({AsMask(Condition(b, o.A))}, {AsMask(Condition(b, o.B))})"; break;
            case NotCond n: code = $"V.Not({AsMask(Condition(b, n.A))})"; break;
            default: throw new System.InvalidOperationException("Unexpected condition in an update rule: " + c);
        }
        var name = Fresh("mask");
        b.Lines.Add($"V {name} = {code};");
        b.Memo[c] = name;
        return (name, true);
    }

    private static string AsMask((string Code, bool Mask) c) => c.Mask ? c.Code : $"V.FirstLanes({c.Code} ? V.Count : 0)";

    // ---- once per step ----

    /// <summary>A value the same for every element, as a double local computed before the loop.</summary>
    private string Uniform(Expr e)
    {
        switch (e)
        {
            case Const c: return Literal(c.Value);
            case Hyper h: return steps.Contains(h.Name) ? $"(double){h.Name}" : h.Name;
        }
        if (uniforms.TryGetValue(e, out var known)) return known;
        string code;
        switch (e)
        {
            case Unary { Op: UnaryOp.Exp, X: Binary { Op: BinaryOp.Mul, A: var exponent, B: Unary { Op: UnaryOp.Log, X: var x } } }:
                code = $"Math.Pow({Uniform(x)}, {Uniform(exponent)})";
                break;
            case Unary u:
                var ux = Uniform(u.X);
                code = u.Op switch
                {
                    UnaryOp.Neg => $"-{ux}",
                    UnaryOp.Sqr => $"{ux} * {ux}",
                    _ => $"Scalar.{u.Op}({ux})",
                };
                break;
            case PowConst pc:
                code = SmallPower(Uniform(pc.X), pc.P, "1.0") ?? $"Math.Pow({Uniform(pc.X)}, {Literal(pc.P)})";
                break;
            case Binary bin:
                var l = Uniform(bin.A);
                var r = Uniform(bin.B);
                code = bin.Op switch
                {
                    BinaryOp.Add => $"{l} + {r}",
                    BinaryOp.Sub => $"{l} - {r}",
                    BinaryOp.Mul => $"{l} * {r}",
                    BinaryOp.Div => $"{l} / {r}",
                    BinaryOp.Max => $"Scalar.Max({l}, {r})",
                    _ => $"Scalar.Min({l}, {r})",
                };
                break;
            case Select sel:
                code = $"{UniformCondition(sel.Cond)} ? {Uniform(sel.IfTrue)} : {Uniform(sel.IfFalse)}";
                break;
            default:
                throw new System.InvalidOperationException("Unexpected IR node in an update rule: " + e.GetType().Name);
        }
        var name = Fresh("u");
        preamble.Add($"double {name} = {code};");
        uniforms[e] = name;
        return name;
    }

    private string UniformCondition(Cond c) => c switch
    {
        ValueCompare vc => $"({Uniform(vc.A)} {ExprPrinter.Op(vc.Op)} {Uniform(vc.B)})",
        AndCond a => $"({UniformCondition(a.A)} && {UniformCondition(a.B)})",
        OrCond o => $"({UniformCondition(o.A)} || {UniformCondition(o.B)})",
        NotCond n => $"!{UniformCondition(n.A)}",
        _ => throw new System.InvalidOperationException("Unexpected condition in an update rule: " + c),
    };

    /// <summary>A uniform value in every lane, broadcast once before the loop.</summary>
    private string Splat(string uniform)
    {
        if (uniform == "0.0") return "V.Zero";
        if (uniform == "1.0") return "V.One";
        if (splats.TryGetValue(uniform, out var known)) return known;
        var name = Fresh("s");
        broadcasts.Add($"V {name} = V.Splat(({elementType}){uniform});");
        splats[uniform] = name;
        return name;
    }

    /// <summary>x^n for a small integer n as a product, exact as a user would write it by hand; null otherwise.</summary>
    private static string? SmallPower(string x, double n, string one)
    {
        if (n != System.Math.Floor(n) || System.Math.Abs(n) > 4) return null;
        if (n == 0) return one;
        var product = string.Join(" * ", Enumerable.Repeat(x, (int)System.Math.Abs(n)));
        return n > 0 ? product : $"{one} / ({product})";
    }

    private string Fresh(string prefix)
    {
        string name;
        do name = prefix + (++counter); while (reserved.Contains(name));
        return name;
    }

}
