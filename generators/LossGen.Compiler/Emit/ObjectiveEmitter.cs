using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LossGen.Compiler.Lowering;
using LossGen.Compiler.Model;
using LossGen.Compiler.Passes;

namespace LossGen.Compiler.Emit;

/// <summary>
/// The trainer's view of a [Loss] over rows: a nested <c>Objective&lt;T&gt;</c> implementing
/// <c>IBatchObjective&lt;T&gt;</c>. It holds the whole training set (the [Const] tensors and labels
/// whose first dimension is the row dimension, checked once in its constructor), gathers a batch's
/// rows into scratch it reuses, and calls the generated <c>ValueAndGradient</c> with the row
/// dimension set to the batch size. A row tensor read only by contractions (the X of <c>XW + b</c>) is
/// not gathered: the objective calls <c>ValueAndGradientOfRows</c> with the whole tensor and the
/// batch's row indices, which the contraction kernels follow. The parameters are the differentiable tensors laid end to end
/// in declaration order, each row-major; a <c>ParameterRange</c> per tensor says where each lies.
/// </summary>
/// <remarks>
/// Every type is written <c>global::</c>-qualified: the constructor's parameters are the user's
/// names and may shadow any type, and the struct's other members are the user's too.
/// </remarks>
internal sealed class ObjectiveEmitter
{
    private const string Support = "global::LossGen.CompilerServices.AdapterSupport";
    private const string Guard = "global::LossGen.CompilerServices.Guard";
    private const string Training = "global::LossGen.Training";

    private readonly ShapedDeclaration decl;
    private readonly CodeWriter w;
    private readonly RowLayout layout;
    private readonly HashSet<TensorShape> byIndex;
    private readonly string elem;
    private readonly Dictionary<string, string> fields = new();
    private readonly Dictionary<string, string> rangeProperties = new();
    private readonly string scratchType;
    private readonly string scratch;
    private readonly string parameterCount;
    private readonly string rowsParameter;
    private readonly string parametersParameter;
    private readonly string gradientParameter;
    private readonly string offsetLocal;

    private ObjectiveEmitter(ShapedDeclaration decl, CodeWriter w, RowLayout layout, IEnumerable<TensorShape> byIndex)
    {
        this.decl = decl;
        this.w = w;
        this.layout = layout;
        this.byIndex = new HashSet<TensorShape>(byIndex);
        // The members: a range property per differentiable tensor, named like it unless that is taken.
        var taken = AdapterNames.TakenAround(decl.Model.TypeName, decl.Model.ContainingTypes);
        taken.UnionWith(new[] { "ParameterCount", "ExampleCount", "ValueAndGradient", "Layout", "Objective" });
        elem = AdapterNames.Pick("T", new HashSet<string>(taken.Concat(decl.Model.Parameters.Select(p => CSharpNames.Bare(p.Name)))));
        taken.Add(elem);
        foreach (var t in Differentiable) rangeProperties[t.Name] = CSharpNames.Escape(AdapterNames.Pick(CSharpNames.Bare(t.Name), taken));
        // The private names also avoid the user's, which the constructor has as parameters.
        taken.UnionWith(decl.Model.Parameters.Select(p => CSharpNames.Bare(p.Name)));
        taken.UnionWith(ApiDims.Select(d => Dim(d)));
        foreach (var t in decl.Tensors) fields[t.Name] = Pick("_" + CSharpNames.Bare(t.Name), taken);
        foreach (var d in ApiDims) fields["dim:" + d] = Pick("_" + Dim(d), taken);
        foreach (var h in Hypers) fields[h.Name] = Pick("_" + CSharpNames.Bare(h.Name), taken);
        scratchType = Pick("Rows", taken);
        scratch = Pick("_rows", taken);
        parameterCount = Pick("_parameterCount", taken);
        rowsParameter = Pick("rows", taken);
        parametersParameter = Pick("parameters", taken);
        gradientParameter = Pick("gradient", taken);
        offsetLocal = Pick("offset", taken);
    }

    /// <summary>Writes the objective into <paramref name="w"/> if the declaration is a loss over rows; else nothing.</summary>
    /// <param name="byIndex">The row tensors read by index (<see cref="RowLayout.ReadByIndex"/>).</param>
    public static void WriteIfEligible(ShapedDeclaration decl, IEnumerable<TensorShape> byIndex, CodeWriter w)
    {
        if (RowLayout.Of(decl) is { } layout) new ObjectiveEmitter(decl, w, layout, byIndex).Write();
    }

    /// <summary>The row tensors copied out per batch: those not read by index.</summary>
    private IEnumerable<TensorShape> Gathered => layout.RowTensors.Where(x => !byIndex.Contains(x));

    private static string Pick(string name, HashSet<string> taken) => AdapterNames.Pick(name, taken);

    private IEnumerable<TensorShape> Differentiable => decl.Tensors.Where(t => t.Kind == ParamKind.Tensor);
    private IEnumerable<TensorShape> Data => decl.Tensors.Where(t => t.Kind != ParamKind.Tensor);
    private IEnumerable<ParamModel> Hypers => decl.Model.Parameters.Where(p => p.Kind == ParamKind.Hyper);
    private IEnumerable<string> ApiDims => decl.Dims.Where(d => !Shapes.DimNames.IsFixed(d));
    private string Dim(string d) => Naming.DimParameter(decl, d);
    private string Name => CSharpNames.Bare(decl.Model.TypeName);

    /// <summary>The loss's own struct, named so that no local or member can shadow it.</summary>
    private string Self => AdapterNames.Owner(decl.Model.Namespace, decl.Model.ContainingTypes, decl.Model.TypeName);

    /// <summary>A dimension's value inside the objective: its field, the batch size for the row dimension, or a fixed size's literal.</summary>
    private string DimValue(string d, string? batch) =>
        d == layout.RowDim && batch is not null ? batch
        : Shapes.DimNames.IsFixed(d) ? d
        : fields["dim:" + d];

    /// <summary>The elements of one row of a row tensor: the product of its dimensions after the first.</summary>
    private string RowLength(TensorShape x) =>
        x.Dims.Count > 1 ? string.Join(" * ", x.Dims.Skip(1).Select(d => DimValue(d, null))) : "1";

    private string ShapeText(TensorShape x) => "[" + string.Join(", ", x.Dims) + "]";

    private void Write()
    {
        var t = elem;
        var m = decl.Model;
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// <see cref=\"{m.TypeName}\"/> over a training set, for the trainer: an <see cref=\"{Training}.IBatchObjective{{T}}\"/> whose");
        w.Line($"/// examples are the rows of {string.Join(", ", layout.RowTensors.Select(x => Xml(x.Name)))} (dimension {layout.RowDim}). A batch is the loss evaluated on the batch's");
        w.Line(byIndex.Count == 0
            ? "/// rows as if they were the whole set, gathered into scratch this objective reuses. The parameters are"
            : $"/// rows as if they were the whole set: {string.Join(", ", byIndex.Select(x => Xml(x.Name)))} read by index inside the product, the rest gathered into scratch this objective reuses. The parameters are");
        w.Line($"/// <c>[{string.Join(" | ", Differentiable.Select(x => Xml(x.Name + " " + ShapeText(x))))}]</c>, each row-major, in declaration order;");
        w.Line("/// the properties named after them give their ranges, for example to penalise one of them only.");
        w.Line("/// </summary>");
        w.Line($"/// <typeparam name=\"{t}\">The element type, float or double.</typeparam>");
        w.Line($"public readonly struct Objective<{t}> : {Training}.IBatchObjective<{t}>");
        w.Line($"    where {t} : unmanaged, global::System.Numerics.IFloatingPointIeee754<{t}>");
        w.Open("");
        foreach (var x in Data)
            w.Line($"private readonly global::System.ReadOnlyMemory<{(x.Kind == ParamKind.Labels ? "int" : t)}> {fields[x.Name]};");
        foreach (var x in Differentiable)
            w.Line($"private readonly {Training}.ParameterRange {fields[x.Name]};");
        foreach (var d in ApiDims) w.Line($"private readonly int {fields["dim:" + d]};");
        foreach (var h in Hypers) w.Line($"private readonly double {fields[h.Name]};");
        w.Line($"private readonly int {parameterCount};");
        w.Line("// Null only in default(...), which has no data.");
        w.Line($"private readonly {scratchType}? {scratch};");
        w.Line();
        WriteConstructor();
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public int ParameterCount => {parameterCount};");
        w.Line();
        w.Line($"/// <summary>The number of training rows ({layout.RowDim}).</summary>");
        w.Line($"public int ExampleCount => {fields["dim:" + layout.RowDim]};");
        w.Line();
        foreach (var x in Differentiable)
        {
            w.Line($"/// <summary>Where {Xml(x.Name)} {Xml(ShapeText(x))} lies in the parameters.</summary>");
            w.Line($"public {Training}.ParameterRange {rangeProperties[x.Name]} => {fields[x.Name]};");
            w.Line();
        }
        w.Line("/// <summary>The parameters as named blocks, for gradient checks and reports.</summary>");
        w.Line($"public global::LossGen.Checking.ParameterLayout Layout => new(");
        var blocks = Differentiable.Select(x => $"    new global::LossGen.Checking.ParameterBlock(\"{CSharpNames.Bare(x.Name)}\"{string.Concat(x.Dims.Select(d => ", " + DimValue(d, null)))})").ToList();
        for (var k = 0; k < blocks.Count; k++) w.Line(blocks[k] + (k < blocks.Count - 1 ? "," : ");"));
        w.Line();
        WriteValueAndGradient();
        w.Line();
        WriteScratch();
        w.Close();
    }

    private void WriteConstructor()
    {
        var t = elem;
        var ps = Data.Select(x => $"global::System.ReadOnlyMemory<{(x.Kind == ParamKind.Labels ? "int" : t)}> {x.Name}")
            .Concat(ApiDims.Select(d => $"int {Dim(d)}"))
            .Concat(Hypers.Where(h => h.Default is null).Select(h => $"double {h.Name}"))
            .Concat(Hypers.Where(h => h.Default is not null).Select(h => $"double {h.Name} = {Literal(h.Default!.Value)}"));
        w.Line("/// <summary>The objective over the whole training set, checked here so a bad set fails before any training.</summary>");
        foreach (var x in Data)
            w.Line($"/// <param name=\"{CSharpNames.Bare(x.Name)}\">{(x.Kind == ParamKind.Labels ? "Labels" : "Constant input")}, shape {Xml(ShapeText(x))}, row-major (used, not copied).</param>");
        foreach (var d in ApiDims)
            w.Line($"/// <param name=\"{Dim(d)}\">The size of dimension {d}{(d == layout.RowDim ? ": the number of training rows" : "")}.</param>");
        foreach (var h in Hypers)
            w.Line($"/// <param name=\"{CSharpNames.Bare(h.Name)}\">Hyper-parameter{(h.Default is { } v ? " (default " + v.ToString("R", CultureInfo.InvariantCulture) + ")" : "")}.</param>");
        w.Line($"/// <exception cref=\"global::System.NotSupportedException\">{Xml(elem)} is neither float nor double.</exception>");
        w.Line($"/// <exception cref=\"global::System.ArgumentException\">A dimension is negative, there are no rows, a length does not match its shape, a label is outside its class dimension, or a hyper-parameter is NaN or ±∞.</exception>");
        w.Open($"public Objective({string.Join(", ", ps)})");
        w.Line($"{Support}.RequireFloatOrDouble<{t}>(\"{Name}\");");
        foreach (var d in ApiDims)
            w.Line($"{Guard}.Dimension({Dim(d)}, \"{Dim(d)}\", \"{d}\");");
        w.Line($"{Guard}.NonEmpty({Dim(layout.RowDim)}, \"{Dim(layout.RowDim)}\", \"{layout.RowDim}\");");
        foreach (var x in Data)
        {
            var dims = x.Dims.Select(Dim).ToList();
            var product = dims.Count == 0 ? "1L" : string.Join(" * ", dims.Select(d => "(long)" + d));
            w.Line($"{Guard}.Length({x.Name}.Length, {product}, \"{CSharpNames.Bare(x.Name)}\", \"{ShapeText(x)}\"{string.Concat(dims.Select(d => ", " + d))});");
        }
        foreach (var l in decl.Labels)
            w.Line($"{Guard}.Labels({l.Labels}.Span, \"{CSharpNames.Bare(l.Labels)}\", {Dim(l.ClassDim)}, \"{l.ClassDim}\");");
        foreach (var h in Hypers)
            w.Line($"{Guard}.Finite({h.Name}, \"{CSharpNames.Bare(h.Name)}\");");
        w.Line("// The tensors end to end in declaration order; a range's constructor refuses an end beyond int.MaxValue.");
        w.Line($"int {offsetLocal} = 0;");
        foreach (var x in Differentiable)
        {
            w.Line($"{fields[x.Name]} = new {Training}.ParameterRange({offsetLocal}, {Support}.Elements(\"{CSharpNames.Bare(x.Name)}\", new int[] {{ {string.Join(", ", x.Dims.Select(Dim))} }}));");
            w.Line($"{offsetLocal} = {fields[x.Name]}.End;");
        }
        foreach (var x in Data) w.Line($"{fields[x.Name]} = {x.Name};");
        foreach (var d in ApiDims) w.Line($"{fields["dim:" + d]} = {Dim(d)};");
        foreach (var h in Hypers) w.Line($"{fields[h.Name]} = {h.Name};");
        w.Line($"{parameterCount} = {offsetLocal};");
        w.Line($"{scratch} = new {scratchType}();");
        w.Close();
    }

    private void WriteValueAndGradient()
    {
        var t = elem;
        var (rows, parameters, gradient) = (rowsParameter, parametersParameter, gradientParameter);
        w.Line("/// <inheritdoc/>");
        w.Line($"/// <exception cref=\"global::System.ArgumentException\">A span's length differs from <see cref=\"ParameterCount\"/>, the batch is empty, a row index is outside the training set, or the gradient overlaps the parameters.</exception>");
        w.Open($"public {t} ValueAndGradient(global::System.ReadOnlySpan<{t}> {parameters}, global::System.ReadOnlySpan<int> {rows}, global::System.Span<{t}> {gradient})");
        w.Line($"{scratchType} rowScratch = {scratch} ?? throw {Support}.NotConstructed(\"{Name}.Objective\");");
        w.Line($"{Support}.RequireLength({parameters}.Length, {parameterCount}, \"{parameters}\", \"the layout {Xml(LayoutText())}\");");
        w.Line($"{Support}.RequireLength({gradient}.Length, {parameterCount}, \"{gradient}\", \"the layout {Xml(LayoutText())}\");");
        w.Line($"{Support}.RequireRows({rows}, {fields["dim:" + layout.RowDim]});");
        foreach (var (type, open) in new[] { ("float", $"if ({Support}.IsFloat<{t}>())"), ("double", "else") })
        {
            w.Open(open);
            var args = new List<string>();
            foreach (var x in decl.Tensors)
            {
                if (x.Kind == ParamKind.Tensor)
                {
                    args.Add($"{Support}.As<{t}, {type}>({parameters}.Slice({fields[x.Name]}.Offset, {fields[x.Name]}.Length))");
                    continue;
                }
                var source = $"{fields[x.Name]}.Span";
                var value = Gathered.Contains(x)
                    ? $"{Support}.Gather({source}, {RowLength(x)}, {rows}, ref rowScratch.{fields[x.Name]})"
                    : source;
                args.Add(x.Kind == ParamKind.Labels ? value : $"{Support}.As<{t}, {type}>({value})");
            }
            args.AddRange(decl.Dims.Select(d => DimValue(d, rows + ".Length")));
            foreach (var x in Differentiable)
                args.Add($"{Support}.As<{t}, {type}>({gradient}.Slice({fields[x.Name]}.Offset, {fields[x.Name]}.Length))");
            args.AddRange(Hypers.Select(h => type == "float" ? $"(float){fields[h.Name]}" : fields[h.Name]));
            if (byIndex.Count > 0) args.Add(rows);
            w.Line($"{type} value = {Self}.{(byIndex.Count > 0 ? "ValueAndGradientOfRows" : "ValueAndGradient")}(");
            for (var k = 0; k < args.Count; k++) w.Line("    " + args[k] + (k < args.Count - 1 ? "," : ");"));
            w.Line($"return {t}.CreateTruncating(value);");
            w.Close();
        }
        w.Close();
    }

    private string LayoutText() => "[" + string.Join(" | ", Differentiable.Select(x => x.Name + " " + ShapeText(x))) + "]";

    private void WriteScratch()
    {
        w.Line("/// <summary>The batch's rows, gathered contiguous for the kernels; grown to the largest batch, then reused.</summary>");
        w.Open($"private sealed class {scratchType}");
        foreach (var x in Gathered)
            w.Line($"public {(x.Kind == ParamKind.Labels ? "int" : elem)}[] {fields[x.Name]} = global::System.Array.Empty<{(x.Kind == ParamKind.Labels ? "int" : elem)}>();");
        w.Close();
    }

    private static string Literal(double v) => v.ToString("R", CultureInfo.InvariantCulture) + "d";

    private static string Xml(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
