using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LossGen.Compiler.Emit;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Lowering;
using LossGen.Compiler.Model;
using LossGen.Compiler.Parse;
using LossGen.Compiler.Passes;

namespace LossGen.Compiler.Emit;

/// <summary>
/// Emit for an element-wise [Regularizer] (see <see cref="ElementwisePenalty"/>): a nested
/// <c>Penalty</c> struct implementing <c>LossGen.Optimization.IElementwiseRegularizer</c> for
/// float and double, holding λ and the regularizer's hyper-parameters, whose <c>Gradient</c> is
/// λ·f′(w) per element, as scalars and as generic lanes.
/// </summary>
/// <remarks>
/// Why a struct and an interface: the regularizer and the optimizer may live in different
/// assemblies (the built-ins are compiled into the runtime), so the generator of the optimizer
/// cannot see the regularizer's rule. Every generated optimizer has a
/// <c>Step&lt;TRegularizer&gt;(…, in TRegularizer regularizer, …)</c> constrained to a struct
/// implementing the interface; the JIT compiles one kernel per struct and inlines its lanes
/// <c>Gradient</c> into the loop, so the regularized step is one pass that adds λ·f′(w) to g in
/// registers, from the w it has already loaded. The penalty's constants are broadcast once per
/// step (<c>Broadcast</c>, called before the loop) and passed to every lanes <c>Gradient</c>: a
/// broadcast inside the inlined Gradient is not hoisted by the JIT when the kernel's preamble makes
/// a call (Math.Pow), so it would be redone in every iteration.
/// </remarks>
internal sealed class PenaltyEmitter
{
    public const string TypeName = "Penalty";
    private const string Interface = "IElementwiseRegularizer";   // LossGen.Optimization, imported by the file
    private const int Capacity = 4;   // LossGen.Optimization.PenaltyLanes<V>.Capacity

    /// <summary>The lanes Gradient's parameter holding the broadcast constants (not a hyper-parameter name: those are fields).</summary>
    private string Constants => Pick("constants", Fields.Append(penalty.Weight).ToList());

    /// <summary>The lane methods' element type parameter: T, unless the weight or a field is called that.</summary>
    private string Element => Pick(Naming.ElementType, Fields.Append(penalty.Weight).Append(Constants).ToList());

    private readonly ElementwisePenalty penalty;
    private readonly CodeWriter w = new();
    private readonly string lambda;
    private readonly Dictionary<string, string> properties = new();
    private readonly Dictionary<string, string> fields = new();

    /// <summary>The members the emitter writes itself: no field or property may take these names.</summary>
    private static readonly string[] Members =
        { TypeName, "Validate", "Gradient", "GradientLanes", "BroadcastLanes", "Lambda" };

    private PenaltyEmitter(ElementwisePenalty penalty)
    {
        this.penalty = penalty;
        var hyperNames = penalty.Hypers.Select(h => h.Name).ToList();
        lambda = Pick("lambda", hyperNames.Append(penalty.Weight).Concat(Members).ToList());
        var taken = new List<string>(Members) { lambda };
        // Fields keep the declared names (so messages and code read like the declaration) unless a
        // name is one of the emitter's members; properties are the names capitalized.
        foreach (var h in hyperNames)
        {
            fields[h] = Pick(h, taken.Concat(hyperNames.Where(o => o != h)).ToList());
            taken.Add(fields[h]);
        }
        foreach (var h in hyperNames)
        {
            properties[h] = Pick(char.ToUpperInvariant(h[0]) + h.Substring(1), taken);
            taken.Add(properties[h]);
        }
    }

    /// <summary>The generated file for an element-wise regularizer; null when it is not element-wise (nothing is generated).</summary>
    public static CompileResult? Compile(DeclarationModel model)
    {
        var penalty = ElementwisePenalty.Detect(model);
        if (penalty is null) return null;
        var hint = CompilerPipeline.HintName(model).Replace(".g.cs", "." + TypeName + ".g.cs");
        return new CompileResult(hint, new PenaltyEmitter(penalty).Write());
    }

    private static string Pick(string name, ICollection<string> taken) => taken.Contains(name) ? Pick(name + "_", taken) : name;

    /// <summary>λ and the hyper-parameters, as fields.</summary>
    // Validate runs inside the nested Penalty struct, with λ and the hyper-parameters in scope.
    private ShadowSafeNames Names => new(Parameters, penalty.Namespace,
        penalty.ContainingTypes.Select(c => c.Name).Append(penalty.TypeName), TypeName);

    private IEnumerable<string> Fields => new[] { lambda }.Concat(penalty.Hypers.Select(h => fields[h.Name]));

    /// <summary>λ and the hyper-parameters as the constructor and Validate(…) name them (the declared names).</summary>
    private IEnumerable<string> Parameters => new[] { lambda }.Concat(penalty.Hypers.Select(h => h.Name));

    /// <summary>
    /// λ·f′(w): the gradient of the penalty λ·R(w) at one element. When f′ is a product, its
    /// element-independent factors join λ in one value computed once (λ·2·w becomes (2λ)·w: one
    /// multiplication per element, not two).
    /// </summary>
    private Expr Scaled
    {
        get
        {
            var derivative = ExprWalk.Rewrite(penalty.Derivative, e => e is Hyper h && fields.TryGetValue(h.Name, out var f) ? new Hyper(f) : e);
            var factors = Factors(derivative).Prepend(new Hyper(lambda)).ToList();
            var uniform = factors.Where(LaneExpressions.IsUniform).Aggregate((Expr)Const.One, E.Mul);
            return factors.Where(f => !LaneExpressions.IsUniform(f)).Aggregate(uniform, E.Mul);
        }
    }

    private static IEnumerable<Expr> Factors(Expr e) =>
        e is Binary { Op: BinaryOp.Mul } m ? Factors(m.A).Concat(Factors(m.B)) : new[] { e };

    private string Write()
    {
        // One lowering serves both element types: the lane methods are generic over T as over V.
        var lanes = Lower();
        var scalars = lanes.Scalars;

        w.Line("// <auto-generated/>");
        w.Line("// Generated by LossGen from the Define method of " + penalty.FullName + ". Do not edit.");
        w.Line("#nullable enable");
        KernelAttributes.WriteShadowingPragma(w, penalty.ContainingTypes);
        w.Line("using System;");
        w.Line("using System.Runtime.CompilerServices;");
        w.Line("using LossGen.Optimization;");
        w.Line("using LossGen.CompilerServices;");
        w.Line();
        if (penalty.Namespace.Length > 0) { w.Line($"namespace {penalty.Namespace};"); w.Line(); }
        foreach (var outer in penalty.ContainingTypes) w.Open($"{outer.Keyword} {outer.Name}");
        w.Open($"partial {penalty.TypeKeyword} {penalty.TypeName}");

        Doc();
        w.Open($"public readonly struct {TypeName} : {Interface}<float>, {Interface}<double>");
        foreach (var f in Fields) w.Line($"private readonly double {f};");
        if (scalars.Count > 0)
        {
            w.Line("// The same for every element: computed once, when the penalty is created.");
            foreach (var (name, _) in scalars) w.Line($"private readonly double {name};");
        }
        w.Line();
        WriteConstructor(scalars);
        w.Line();
        WriteProperties();
        w.Line();
        WriteValidation();
        w.Line();
        WriteGradients(lanes);
        w.Close();

        w.Close();
        foreach (var _ in penalty.ContainingTypes) w.Close();
        return w.ToString();
    }

    private void Doc()
    {
        var name = Xml(penalty.TypeName);
        w.Line("/// <summary>");
        w.Line($"/// The penalty λ·R({penalty.Weight}) of {name}, to fuse into an optimizer's step: every generated optimizer's");
        w.Line($"/// <c>Step(…, t, new {name}.{TypeName}(lambda), …)</c> steps on the gradient g + λ∇R({penalty.Weight}) of the objective");
        w.Line($"/// L + λ·R in the same single pass over the weights, gradients and state as the plain step.");
        w.Line($"/// R is element-wise, so its gradient at each element reads only that element:");
        w.Line("/// <code>");
        foreach (var line in penalty.Definition.Replace("\r\n", "\n").Split('\n'))
            w.Line("/// " + Xml(line.TrimEnd()));
        w.Line($"/// ∂R/∂{penalty.Weight}[p] = {Xml(penalty.Formula)}");
        w.Line("/// </code>");
        w.Line("/// At a kink the derivative is the one the regularizer's own gradient uses (docs/subgradients.md:");
        w.Line("/// |x| has derivative sign(x), 0 at 0).");
        w.Line("/// </summary>");
    }

    private void WriteConstructor(List<(string Name, Code Code)> scalars)
    {
        w.Line($"/// <summary>The penalty λ·R with <paramref name=\"{lambda}\"/> = λ and the regularizer's hyper-parameters.</summary>");
        w.Line($"/// <param name=\"{lambda}\">λ, the penalty's weight in the objective L + λ·R: finite and not negative.</param>");
        foreach (var h in penalty.Hypers)
            w.Line($"/// <param name=\"{CSharpNames.Bare(h.Name)}\">Hyper-parameter of {Xml(penalty.TypeName)}{(h.Default is { } d ? " (default " + Num(d) + ")" : "")}.</param>");
        w.Line($"/// <exception cref=\"ArgumentException\">λ is negative or not finite, or a hyper-parameter is not finite.</exception>");
        var ps = new[] { $"double {lambda}" }.Concat(penalty.Hypers.Select(h => h.Default is { } d ? $"double {h.Name} = {Num(d)}" : $"double {h.Name}"));
        w.Open($"public {TypeName}({string.Join(", ", ps)})");
        w.Line($"{Names.Own("Validate")}({string.Join(", ", Parameters)});");
        foreach (var (f, parameter) in Fields.Zip(Parameters, (f, q) => (f, q))) w.Line($"this.{f} = {parameter};");
        foreach (var (name, code) in scalars) w.Line($"{name} = {code};");
        w.Close();
    }

    private void WriteProperties()
    {
        w.Line("/// <summary>λ, the penalty's weight in the objective L + λ·R.</summary>");
        w.Line($"public double Lambda => {lambda};");
        foreach (var h in penalty.Hypers)
        {
            w.Line($"/// <summary>Hyper-parameter {Xml(h.Name)} of {Xml(penalty.TypeName)}.</summary>");
            w.Line($"public double {properties[h.Name]} => {fields[h.Name]};");
        }
    }

    private void WriteValidation()
    {
        w.Line("/// <summary>Checks λ and the hyper-parameters; a fused Step calls it before it writes anything.</summary>");
        w.Line($"public void Validate() => Validate({string.Join(", ", Fields)});");
        w.Line();
        w.Open($"private static void Validate({string.Join(", ", Parameters.Select(f => "double " + f))})");
        w.Line($"{Names.Runtime("OptimizerGuard")}.PenaltyWeight({lambda}, \"{lambda}\");");
        foreach (var h in penalty.Hypers) w.Line($"{Names.Runtime("Guard")}.Finite({h.Name}, \"{CSharpNames.Bare(h.Name)}\");");
        w.Close();
    }

    private void WriteGradients(Lanes lanes)
    {
        var x = penalty.Weight;
        foreach (var (t, one) in new[] { ("float", "F1"), ("double", "D1") })
        {
            w.Line($"/// <summary>λ·∂R/∂{x} at one element.</summary>");
            w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
            w.Line($"public {t} Gradient({t} {x}) => GradientLanes<{one}, {t}>(new {one}({x}), BroadcastLanes<{one}, {t}>()).Value;");
            w.Line();
        }
        foreach (var t in new[] { "float", "double" })
        {
            w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
            w.Line($"PenaltyLanes<V> {Interface}<{t}>.Broadcast<V>() => BroadcastLanes<V, {t}>();");
            w.Line();
            w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
            w.Line($"V {Interface}<{t}>.Gradient<V>(V {x}, in PenaltyLanes<V> {Constants}) => GradientLanes<V, {t}>({x}, {Constants});");
            w.Line();
        }
        var held = lanes.Broadcasts.Take(Capacity).ToList();
        w.Line("/// <summary>The per-step constants in every lane: an optimizer's kernel makes them once, before its loop.</summary>");
        w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        w.Line($"private PenaltyLanes<V> BroadcastLanes{KernelAttributes.TypeParameters(Element)}()");
        foreach (var constraint in KernelAttributes.Constraints(Element)) w.Line("    " + constraint);
        w.Line(held.Count == 0
            ? "    => default;"
            : $"    => new() {{ {string.Join(", ", held.Select((b, i) => $"C{i} = {b.Code}"))} }};");
        w.Line();
        w.Line($"/// <summary>λ·∂R/∂{x} in every lane, inlined into an optimizer's loop.</summary>");
        w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
        w.Line($"private V GradientLanes{KernelAttributes.TypeParameters(Element)}(V {x}, in PenaltyLanes<V> {Constants})");
        foreach (var constraint in KernelAttributes.Constraints(Element)) w.Line("    " + constraint);
        w.Open("");
        foreach (var (b, i) in held.Select((b, i) => (b, i))) w.Line($"V {b.Name} = {Constants}.C{i};");
        if (lanes.Broadcasts.Count > Capacity)
            w.Line($"// More than {Capacity} constants: the rest are broadcast here, in the loop.");
        KernelPrinter.Print(w, lanes.Broadcasts.Skip(Capacity).Select(b => new Let("V", b.Name, b.Code)));
        KernelPrinter.Print(w, lanes.Stmts);
        w.Close();
    }

    /// <summary>λ·f′ lowered, generic over the element type: the per-call scalars, the broadcasts of uniform values, and the per-lane statements ending in the return.</summary>
    private sealed record Lanes(List<(string Name, Code Code)> Scalars, List<(string Name, Code Code)> Broadcasts, List<Stmt> Stmts);

    private Lanes Lower()
    {
        var element = new Access(penalty.Weight, EquatableArray.Of<Ix>(new VarIx(OptimizerModel.Element)));
        var reserved = Fields.Concat(Parameters).Concat(Members).Append(penalty.Weight).Append(Constants).Append("V").Append("T").Append("Value");
        var lanes = new LaneExpressions(reserved, System.Array.Empty<string>(),
            (_, a) => throw new System.InvalidOperationException("An element-wise penalty reads only its own element, not " + a.Tensor));
        var body = new LaneBody(masked: false);
        body.Memo[element] = CodeBuilding.Ref(penalty.Weight);
        var result = lanes.Varying(body, Scaled);
        return new Lanes(lanes.Scalars, lanes.Broadcasts, body.Stmts.Append(new Return(result)).ToList());
    }

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Xml(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
