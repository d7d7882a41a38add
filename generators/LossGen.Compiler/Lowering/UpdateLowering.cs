using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Emit;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Lowering;
using LossGen.Compiler.Model;
using LossGen.Compiler.Parse;
using LossGen.Compiler.Passes;

using static LossGen.Compiler.Lowering.CodeBuilding;

namespace LossGen.Compiler.Lowering;

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

/// <summary>
/// A lowered update: the statements computed once per step (<see cref="Preamble"/>), and the loop
/// body for a full vector of <c>V.Count</c> elements starting at p (<see cref="Body"/>) and for the
/// last <c>rem &lt; V.Count</c> elements (<see cref="Tail"/>, masked loads and stores).
/// </summary>
internal sealed record UpdateKernel(IReadOnlyList<Stmt> Preamble, IReadOnlyList<Stmt> Body, IReadOnlyList<Stmt> Tail);

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
/// <item>Fused regularizer (when <c>regularizer</c> is given): the gradient is read as
///   <c>g + regularizer.Gradient(w)</c>, from the weights already loaded for the rule, so the
///   regularized step is still one pass (see <see cref="PenaltyEmitter"/>).</item>
/// </list>
/// The expression lowering itself is <see cref="LaneExpressions"/>'s.
/// </summary>
internal sealed class UpdateLowering
{
    private readonly OptimizerModel model;
    private readonly LoopNames names;
    private readonly string? regularizer;
    private readonly LaneExpressions lanes;

    private UpdateLowering(OptimizerModel model, IEnumerable<string> reserved, LoopNames names, string? regularizer)
    {
        this.names = names;
        this.model = model;
        this.regularizer = regularizer;
        var taken = new HashSet<string>(reserved);
        PenaltyConstants = "penalty";
        while (taken.Contains(PenaltyConstants)) PenaltyConstants += "_";
        lanes = new LaneExpressions(
            reserved,
            model.Parameters.Where(p => p.Kind == OptimizerParamKind.Step).Select(p => p.Name),
            Load);
    }

    /// <param name="reserved">Names already taken in the kernel (its parameters), which locals must avoid.</param>
    /// <param name="regularizer">The kernel parameter holding a fused element-wise regularizer, or null for the plain step.</param>
    public static UpdateKernel Run(OptimizerModel model, IEnumerable<string> reserved, LoopNames names, string? regularizer = null)
    {
        var lowering = new UpdateLowering(model, reserved.Concat(new[] { names.Index, names.Count, names.Remaining }), names, regularizer);
        var body = lowering.Pass(masked: false);
        var tail = lowering.Pass(masked: true);
        // Every scalar first, then every broadcast: Math.Pow is a call, and a call between a
        // broadcast and the loop makes the JIT spill the vector to the stack and reload it from
        // memory in every iteration (no vector register survives a call on x64 Unix).
        var preamble = lowering.lanes.Scalars.Select(s => (Stmt)new Let("double", s.Name, s.Code))
            .Concat(lowering.PenaltyBroadcast())
            .Concat(lowering.lanes.Broadcasts.Select(s => new Let("V", s.Name, s.Code)));
        return new UpdateKernel(preamble.ToList(), body, tail);
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
    public static bool IsUniform(Expr e) => LaneExpressions.IsUniform(e);

    /// <summary>Whether the rule reads the gradient at all (a fused regularizer acts through it).</summary>
    public static bool ReadsGradient(OptimizerModel model, string gradient) =>
        model.Statements.Any(s => ExprWalk.Nodes(s.Value).Any(n => n is Access a && a.Tensor == gradient));

    // ---- one loop body ----

    private List<Stmt> Pass(bool masked)
    {
        var body = new LaneBody(masked);
        foreach (var s in model.Statements)
        {
            body.Stmts.Add(new Comment(s.Text));
            lanes.Varying(body, s.Value, s.Target);
        }
        foreach (var (buffer, value) in FinalValues(model))
        {
            var v = lanes.Varying(body, value, buffer);
            var (target, index) = (Ref(buffer), Ref(names.Index));
            body.Stmts.Add(new Do(masked ? C($"V.StorePartial({target}, {index}, {Ref(names.Remaining)}, {v})") : C($"V.Store({target}, {index}, {v})")));
        }
        return body.Stmts;
    }

    /// <summary>The fused regularizer's constants, broadcast once with the rule's (its Broadcast is inlined: no call after the scalars).</summary>
    private IEnumerable<Stmt> PenaltyBroadcast()
    {
        if (regularizer is null) yield break;
        yield return new Let("LossGen.Optimization.PenaltyLanes<V>", PenaltyConstants, C($"{Ref(regularizer)}.Broadcast<V>()"));
    }

    /// <summary>The local holding the regularizer's broadcast constants: penalty, or penalty_… if the rule has a parameter of that name (generated locals always end in a number).</summary>
    private string PenaltyConstants { get; }

    /// <summary>One element of a buffer, loaded; with a fused regularizer, the gradient also gets its term.</summary>
    private Code Load(LaneBody b, Access a)
    {
        var (tensor, index) = (Ref(a.Tensor), Ref(names.Index));
        var load = b.Masked ? C($"V.LoadPartial({tensor}, {index}, {Ref(names.Remaining)})") : C($"V.Load({tensor}, {index})");
        var gradient = model.Parameters.First(p => p.Kind == OptimizerParamKind.Gradient).Name;
        if (regularizer is null || a.Tensor != gradient) return load;
        var weight = model.Parameters.First(p => p.Kind == OptimizerParamKind.Weight).Name;
        var w = lanes.Varying(b, Initial(weight));
        b.Stmts.Add(new Comment($"The regularized gradient {gradient} + λ∇R({weight}), from the {weight} already in registers."));
        return C($"{load} + {Ref(regularizer)}.Gradient<V>({w}, {Ref(PenaltyConstants)})");
    }
}
