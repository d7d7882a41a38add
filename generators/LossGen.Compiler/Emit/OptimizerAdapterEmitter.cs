using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LossGen.Compiler.Emit;
using LossGen.Compiler.Lowering;
using LossGen.Compiler.Model;
using LossGen.Compiler.Parse;
using LossGen.Compiler.Passes;

namespace LossGen.Compiler.Emit;

/// <summary>
/// The trainer's view of an [Optimizer]: a nested <c>Optimizer&lt;T&gt;</c> implementing
/// <c>IOptimizer&lt;T&gt;</c> over one flat state buffer, with the hyper-parameters fixed at
/// construction (in double, rounded once per step to T), and, for a rule that reads the gradient,
/// <c>WithPenalty</c> → <c>Optimizer&lt;T&gt;.Penalized&lt;TPenalty&gt;</c>, which runs the fused
/// <c>Step&lt;TRegularizer&gt;</c> on the parameter ranges given (W) and the plain step elsewhere (b).
/// </summary>
/// <remarks>
/// The schedule's multiplier goes to a hyper-parameter named <c>scheduleMultiplier</c> if the rule
/// has one (Loshchilov–Hutter's η_t, which scales more than the rate), else it multiplies
/// <c>lr</c>/<c>learningRate</c>; a rule with neither refuses any multiplier but 1. Everything the
/// adapters name is written <c>global::</c>-qualified or through the owning struct's name, because
/// the user's hyper-parameter names are constructor parameters and may shadow any type.
/// </remarks>
internal sealed class OptimizerAdapterEmitter
{
    private readonly OptimizerModel model;
    private readonly CodeWriter w;
    private readonly bool fuses;

    // The adapters' own identifiers, chosen clear of the user's names.
    private readonly string elem;
    private readonly string constructed;
    private readonly Dictionary<string, string> fields = new();

    private const string Support = "global::LossGen.CompilerServices.AdapterSupport";
    private const string Guard = "global::LossGen.CompilerServices.OptimizerGuard";
    private const string Training = "global::LossGen.Training";

    public OptimizerAdapterEmitter(OptimizerModel model, CodeWriter w, bool fuses)
    {
        this.model = model;
        this.w = w;
        this.fuses = fuses;
        var taken = AdapterNames.TakenAround(model.TypeName, model.ContainingTypes);
        taken.UnionWith(model.Parameters.Select(p => CSharpNames.Bare(p.Name)));
        elem = Pick("T", taken);
        constructed = Pick("_constructed", taken);
        foreach (var h in CtorHypers) fields[h.Name] = Pick("_" + CSharpNames.Bare(h.Name), taken);
    }

    private static string Pick(string name, HashSet<string> taken) => AdapterNames.Pick(name, taken);

    private IEnumerable<OptimizerParam> States => model.Parameters.Where(p => p.Kind == OptimizerParamKind.State);
    private IEnumerable<OptimizerParam> Hypers => model.Parameters.Where(p => p.Kind == OptimizerParamKind.Hyper);
    private int StateCount => States.Count();

    /// <summary>The hyper-parameter the schedule's multiplier is passed as, if the rule has one.</summary>
    private OptimizerParam? ScheduleHyper => Hypers.FirstOrDefault(h => CSharpNames.Bare(h.Name).ToLowerInvariant() == "schedulemultiplier");

    /// <summary>The learning rate the multiplier scales, when there is no schedule hyper-parameter.</summary>
    private OptimizerParam? RateHyper => ScheduleHyper is null
        ? Hypers.FirstOrDefault(h => CSharpNames.Bare(h.Name).ToLowerInvariant() is "lr" or "learningrate")
        : null;

    /// <summary>The hyper-parameters fixed at construction: all but the schedule's.</summary>
    private IEnumerable<OptimizerParam> CtorHypers => Hypers.Where(h => h != ScheduleHyper);

    /// <summary>The owning struct, named so that no local or parameter of the adapters can shadow it.</summary>
    private string Self => AdapterNames.Owner(model.Namespace, model.ContainingTypes, model.TypeName);

    /// <summary>The owning struct's name for messages and cref.</summary>
    private string Name => CSharpNames.Bare(model.TypeName);

    public void Write()
    {
        w.Line();
        WriteOptimizer();
    }

    private void WriteOptimizer()
    {
        var t = elem;
        w.Line("/// <summary>");
        w.Line($"/// <see cref=\"{model.TypeName}\"/> for the trainer: an <see cref=\"{Training}.IOptimizer{{T}}\"/> whose hyper-parameters are fixed");
        w.Line("/// here, kept in double and rounded once per step to the element type. Its state is one flat buffer of");
        w.Line($"/// {(StateCount == 0 ? "no elements (the rule keeps no state)" : StateCount + " × the weight count elements: " + string.Join(", ", States.Select(s => s.Name)) + ", one after the other")}.");
        w.Line($"/// {MultiplierDoc()}");
        w.Line("/// </summary>");
        w.Line($"/// <typeparam name=\"{t}\">The element type, float or double.</typeparam>");
        w.Line($"public readonly struct Optimizer<{t}> : {Training}.IOptimizer<{t}>");
        w.Line($"    where {t} : unmanaged, global::System.Numerics.IFloatingPointIeee754<{t}>");
        w.Open("");
        w.Line("// False only in default(...), whose hyper-parameters would all be zero.");
        w.Line($"private readonly bool {constructed};");
        foreach (var h in CtorHypers) w.Line($"private readonly double {fields[h.Name]};");
        w.Line();
        WriteConstructors();
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public int StateBufferCount => {StateCount};");
        w.Line();
        foreach (var h in CtorHypers)
        {
            w.Line($"/// <summary>The hyper-parameter {Xml(h.Name)} this adapter was built with.</summary>");
            w.Line($"public double {PropertyName(h)} => {fields[h.Name]};");
            w.Line();
        }
        w.Line("/// <inheritdoc/>");
        w.Open($"public void Step(global::System.Span<{t}> w, global::System.ReadOnlySpan<{t}> g, global::System.Span<{t}> state, long t, double learningRateMultiplier)");
        w.Line($"{Support}.RequireConstructed({constructed}, \"{Name}.Optimizer\");");
        WriteStateSlices("w.Length", "state", offset: null);
        WriteMultiplier();
        WriteCalls(penalty: null);
        w.Close();
        if (fuses)
        {
            w.Line();
            w.Line("/// <summary>");
            w.Line($"/// This rule with an element-wise penalty fused into its step on the given parameter ranges (for example W");
            w.Line("/// of <c>[W | b]</c>, so the bias is not penalised): there the step sees g + λ∇R(w), computed in registers in");
            w.Line("/// the same pass; elsewhere it is the plain step. The state layout is the same as this adapter's.");
            w.Line("/// </summary>");
            w.Line("/// <typeparam name=\"TPenalty\">A generated <c>Penalty</c> of an element-wise [Regularizer], such as <c>L2.Penalty</c>.</typeparam>");
            w.Line("/// <param name=\"penalty\">The penalty λ·R; validated here.</param>");
            w.Line("/// <param name=\"ranges\">The penalised ranges, sorted and disjoint (a generated objective exposes one per tensor); none penalises every weight.</param>");
            w.Line("/// <exception cref=\"global::System.ArgumentException\">The penalty's coefficients are invalid, or the ranges overlap or are out of order.</exception>");
            w.Line($"public Penalized<TPenalty> WithPenalty<TPenalty>(TPenalty penalty, params {Training}.ParameterRange[] ranges)");
            w.Line($"    where TPenalty : struct, global::LossGen.Optimization.IElementwiseRegularizer<float>, global::LossGen.Optimization.IElementwiseRegularizer<double>");
            w.Line($"    => new Penalized<TPenalty>(this, penalty, ranges);");
            w.Line();
            WritePenalized();
        }
        w.Close();
    }

    private string MultiplierDoc() =>
        ScheduleHyper is { } s ? $"A schedule's multiplier is passed to the rule as {Xml(s.Name)} (it scales the whole step, not only the rate)."
        : RateHyper is { } r ? $"A schedule's multiplier scales {Xml(r.Name)}."
        : "The rule has no learning rate, so only a constant schedule (multiplier 1) is accepted.";

    private void WriteConstructors()
    {
        var ctor = CtorHypers.ToList();
        var allDefaulted = ctor.All(h => h.Default is not null);
        var rule = Name;
        if (allDefaulted)
        {
            w.Line("/// <summary>The rule with every hyper-parameter at its declared default; a struct's <c>new()</c> would otherwise zero them.</summary>");
            w.Line($"/// <exception cref=\"global::System.NotSupportedException\">{Xml(elem)} is neither float nor double.</exception>");
            if (ctor.Count == 0)
            {
                w.Open("public Optimizer()");
                w.Line($"{Support}.RequireFloatOrDouble<{elem}>(\"{rule}\");");
                w.Line($"{constructed} = true;");
                w.Close();
                return;
            }
            w.Line($"public Optimizer() : this({ctor[0].Name}: {Literal(ctor[0].Default!.Value)}) {{ }}");
            w.Line();
        }
        w.Line("/// <summary>The rule with the given hyper-parameters (the defaults are the declaration's), checked here.</summary>");
        foreach (var h in ctor)
            w.Line($"/// <param name=\"{CSharpNames.Bare(h.Name)}\">{HyperDoc(h)}</param>");
        w.Line($"/// <exception cref=\"global::System.NotSupportedException\">{Xml(elem)} is neither float nor double.</exception>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A learning rate is negative or not finite, or a hyper-parameter is NaN.</exception>");
        // Required hyper-parameters first: C# wants optional parameters last, and Define may interleave them.
        var ordered = ctor.Where(h => h.Default is null).Concat(ctor.Where(h => h.Default is not null));
        w.Open($"public Optimizer({string.Join(", ", ordered.Select(h => h.Default is { } d ? $"double {h.Name} = {Literal(d)}" : $"double {h.Name}"))})");
        w.Line($"{Support}.RequireFloatOrDouble<{elem}>(\"{rule}\");");
        foreach (var h in ctor)
            w.Line(OptimizerEmitter.IsLearningRate(h.Name)
                ? $"{Guard}.LearningRate({h.Name}, \"{CSharpNames.Bare(h.Name)}\");"
                : $"{Guard}.NotNaN({h.Name}, \"{CSharpNames.Bare(h.Name)}\");");
        w.Line($"{constructed} = true;");
        foreach (var h in ctor) w.Line($"{fields[h.Name]} = {h.Name};");
        w.Close();
    }

    private string HyperDoc(OptimizerParam h)
    {
        var role = h == RateHyper ? "The base learning rate; the schedule's multiplier scales it at each step." : "Hyper-parameter of the rule.";
        return h.Default is { } d ? $"{role} Default {d.ToString("R", CultureInfo.InvariantCulture)}." : role + " Required.";
    }

    /// <summary>A public read-back property, named like the hyper-parameter with its first letter upper-cased.</summary>
    private string PropertyName(OptimizerParam h)
    {
        var bare = CSharpNames.Bare(h.Name);
        var name = char.ToUpperInvariant(bare[0]) + bare.Substring(1);
        var reserved = new HashSet<string> { "Step", "StateBufferCount", "WithPenalty", "Penalized", "Optimizer", elem, constructed, Name };
        reserved.UnionWith(fields.Values);
        reserved.UnionWith(CtorHypers.Where(o => o != h).Select(o => CSharpNames.Bare(o.Name)));
        while (reserved.Contains(name) || CSharpNames.Escape(name) != name) name += "_";
        return name;
    }

    /// <param name="offset">Null for the whole buffer; else the start of the part, whose length is <c>length</c>.</param>
    private void WriteStateSlices(string weights, string state, string? offset)
    {
        var names = States.ToList();
        if (names.Count == 0)
        {
            if (offset is null) w.Line($"{Support}.RequireStateLength(state.Length, {weights}, 0);");
            return;
        }
        for (var k = 0; k < names.Count; k++)
        {
            var local = StateLocal(k);
            w.Line(offset is null
                ? $"global::System.Span<{elem}> {local} = {Support}.StateSlice({state}, {weights}, {k}, {names.Count});"
                : $"global::System.Span<{elem}> {local} = {state}.Slice({k} * {weights} + {offset}, length);");
        }
    }

    private static string StateLocal(int k) => "state" + k;

    private void WriteMultiplier()
    {
        if (ScheduleHyper is not null) return;
        if (RateHyper is null)
            w.Line($"{Support}.RequireUnitMultiplier(learningRateMultiplier, \"{Name}\");");
    }

    /// <summary>The float and double calls of the owning struct's Step on w, g and the state locals.</summary>
    /// <param name="penalty">The penalty expression for the fused overload; null for the plain one.</param>
    private void WriteCalls(string? penalty, string weights = "w", string gradient = "g", string step = "t",
        string multiplier = "learningRateMultiplier", string adapter = "")
    {
        foreach (var (type, open) in new[] { ("float", $"if ({Support}.IsFloat<{elem}>())"), ("double", "else") })
        {
            w.Open(open);
            var args = new List<string>
            {
                $"{Support}.As<{elem}, {type}>({weights})",
                $"{Support}.As<{elem}, {type}>({gradient})",
            };
            args.AddRange(States.Select((_, k) => $"{Support}.As<{elem}, {type}>({StateLocal(k)})"));
            args.Add(step);
            if (penalty is not null) args.Add(penalty);
            foreach (var h in Hypers)
            {
                var value = h == ScheduleHyper ? multiplier
                    : h == RateHyper ? $"{adapter}{fields[h.Name]} * {multiplier}"
                    : adapter + fields[h.Name];
                args.Add(type == "float" ? $"(float)({value})" : value);
            }
            w.Line($"{Self}.Step({string.Join(", ", args)});");
            w.Close();
        }
    }

    private void WritePenalized()
    {
        var t = elem;
        w.Line("/// <summary>");
        w.Line($"/// <see cref=\"{model.TypeName}\"/> for the trainer with an element-wise penalty fused into the step on some parameter ranges;");
        w.Line("/// made by <see cref=\"WithPenalty\"/>. Every argument is checked before any weight is written.");
        w.Line("/// </summary>");
        w.Line("/// <typeparam name=\"TPenalty\">The generated penalty's struct type; the JIT compiles the fused kernel for it.</typeparam>");
        w.Line($"public readonly struct Penalized<TPenalty> : {Training}.IOptimizer<{t}>");
        w.Line($"    where TPenalty : struct, global::LossGen.Optimization.IElementwiseRegularizer<float>, global::LossGen.Optimization.IElementwiseRegularizer<double>");
        w.Open("");
        w.Line($"private readonly Optimizer<{t}> rule;");
        w.Line("private readonly TPenalty penalty;");
        w.Line($"private readonly {Training}.ParameterRange[] ranges;");
        w.Line();
        w.Line("/// <summary>The rule, the penalty and the ranges it applies to (copied; none means every weight).</summary>");
        w.Line($"/// <exception cref=\"global::System.ArgumentException\">The penalty is invalid, or the ranges overlap or are out of order.</exception>");
        w.Open($"public Penalized(Optimizer<{t}> rule, TPenalty penalty, params {Training}.ParameterRange[] ranges)");
        w.Line($"{Support}.RequireConstructed(rule.{constructed}, \"{Name}.Optimizer\");");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(ranges);");
        w.Line($"{Support}.ValidatePenalty(penalty);");
        w.Line($"{Support}.RequireRanges(ranges, int.MaxValue);");
        w.Line("this.rule = rule;");
        w.Line("this.penalty = penalty;");
        w.Line("this.ranges = (" + Training + ".ParameterRange[])ranges.Clone();");
        w.Close();
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public int StateBufferCount => {StateCount};");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Open($"public void Step(global::System.Span<{t}> w, global::System.ReadOnlySpan<{t}> g, global::System.Span<{t}> state, long t, double learningRateMultiplier)");
        w.Line($"{Training}.ParameterRange[] parts = ranges ?? throw {Support}.NotConstructed(\"{Name}.Optimizer.Penalized\");");
        w.Line("// Everything that could refuse the step is checked before the first part is written.");
        w.Line($"{Guard}.SameLength(g.Length, \"g\", w.Length, \"w\");");
        w.Line($"{Support}.RequireStateLength(state.Length, w.Length, {StateCount});");
        w.Line($"{Guard}.StepNumber(t, \"t\");");
        w.Line($"{Support}.RequireRanges(parts, w.Length);");
        w.Line($"global::LossGen.CompilerServices.BufferGuard.Disjoint<{t}>(w, \"w\", g, \"g\");");
        if (StateCount > 0)
        {
            w.Line($"global::LossGen.CompilerServices.BufferGuard.Disjoint<{t}>(state, \"state\", w, \"w\");");
            w.Line($"global::LossGen.CompilerServices.BufferGuard.Disjoint<{t}>(state, \"state\", g, \"g\");");
        }
        WriteMultiplier();
        w.Open("if (parts.Length == 0)");
        w.Line("Part(w, g, state, t, learningRateMultiplier, 0, w.Length, penalized: true);");
        w.Line("return;");
        w.Close();
        w.Line("int start = 0;");
        w.Open($"foreach ({Training}.ParameterRange range in parts)");
        w.Line("if (range.Offset > start) Part(w, g, state, t, learningRateMultiplier, start, range.Offset - start, penalized: false);");
        w.Line("Part(w, g, state, t, learningRateMultiplier, range.Offset, range.Length, penalized: true);");
        w.Line("start = range.End;");
        w.Close();
        w.Line("if (start < w.Length) Part(w, g, state, t, learningRateMultiplier, start, w.Length - start, penalized: false);");
        w.Close();
        w.Line();
        w.Open($"private void Part(global::System.Span<{t}> whole, global::System.ReadOnlySpan<{t}> wholeGradient, global::System.Span<{t}> state, long t, double learningRateMultiplier, int offset, int length, bool penalized)");
        w.Line($"global::System.Span<{t}> w = whole.Slice(offset, length);");
        w.Line($"global::System.ReadOnlySpan<{t}> g = wholeGradient.Slice(offset, length);");
        WriteStateSlices("whole.Length", "state", "offset");
        w.Open("if (penalized)");
        WriteCalls("penalty", adapter: "rule.");
        w.Close();
        w.Open("else");
        WriteCalls(null, adapter: "rule.");
        w.Close();
        w.Close();
        w.Close();
    }

    private static string Bare(string name) => CSharpNames.Bare(name);

    private static string Literal(double v) => v.ToString("R", CultureInfo.InvariantCulture) + "d";

    private static string Xml(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
