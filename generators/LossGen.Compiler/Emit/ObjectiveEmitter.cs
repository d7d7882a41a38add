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
/// dimension set to the batch size. The parameters are the differentiable tensors laid end to end
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
    private readonly string elem;
    private readonly Dictionary<string, string> fields = new();
    private readonly Dictionary<string, string> rangeProperties = new();
    private readonly string scratchType;
    private readonly string scratch;
    private readonly string parameterCount;
    private readonly string rowsParameter;
    private readonly string parametersParameter;
    private readonly string gradientParameter;

    private ObjectiveEmitter(ShapedDeclaration decl, CodeWriter w, RowLayout layout)
    {
        this.decl = decl;
        this.w = w;
        this.layout = layout;
        // The members: a range property per differentiable tensor, named like it unless that is taken.
        var taken = new HashSet<string>
        {
            CSharpNames.Bare(decl.Model.TypeName), "ParameterCount", "ExampleCount", "ValueAndGradient", "Layout", "Objective",
        };
        foreach (var outer in decl.Model.ContainingTypes)
            foreach (var token in outer.Name.Split('<', '>', ',', ' '))
                if (token.Length > 0) taken.Add(CSharpNames.Bare(token));
        elem = Pick("T", new HashSet<string>(taken.Concat(decl.Model.Parameters.Select(p => CSharpNames.Bare(p.Name)))));
        taken.Add(elem);
        foreach (var t in Differentiable) rangeProperties[t.Name] = Pick(CSharpNames.Bare(t.Name), taken, escape: true);
        // The private names also avoid the user's, which the constructor has as parameters.
        taken.UnionWith(decl.Model.Parameters.Select(p => CSharpNames.Bare(p.Name)));
        taken.UnionWith(ApiDims.Select(d => Dim(d)));
        foreach (var t in decl.Tensors.Where(t => t.Kind != ParamKind.Tensor)) fields[t.Name] = Pick("_" + CSharpNames.Bare(t.Name), taken);
        foreach (var d in ApiDims) fields["dim:" + d] = Pick("_" + Dim(d), taken);
        foreach (var h in Hypers) fields[h.Name] = Pick("_" + CSharpNames.Bare(h.Name), taken);
        scratchType = Pick("Rows", taken);
        scratch = Pick("_rows", taken);
        parameterCount = Pick("_parameterCount", taken);
        rowsParameter = Pick("rows", taken);
        parametersParameter = Pick("parameters", taken);
        gradientParameter = Pick("gradient", taken);
    }

    /// <summary>Writes the objective into <paramref name="w"/> if the declaration is a loss over rows; else nothing.</summary>
    public static void WriteIfEligible(ShapedDeclaration decl, CodeWriter w)
    {
        if (RowLayout.Of(decl) is { } layout) new ObjectiveEmitter(decl, w, layout).Write();
    }

    private static string Pick(string name, HashSet<string> taken, bool escape = false)
    {
        while (taken.Contains(name)) name += "_";
        taken.Add(name);
        return escape ? CSharpNames.Escape(name) : name;
    }

    private IEnumerable<TensorShape> Differentiable => decl.Tensors.Where(t => t.Kind == ParamKind.Tensor);
    private IEnumerable<TensorShape> Data => decl.Tensors.Where(t => t.Kind != ParamKind.Tensor);
    private IEnumerable<ParamModel> Hypers => decl.Model.Parameters.Where(p => p.Kind == ParamKind.Hyper);
    private IEnumerable<string> ApiDims => decl.Dims.Where(d => !Shapes.DimNames.IsFixed(d));
    private string Dim(string d) => Naming.DimParameter(decl, d);
    private string Name => CSharpNames.Bare(decl.Model.TypeName);

    /// <summary>The loss's own struct, qualified so that no local or member can shadow it (see the optimizer adapters).</summary>
    private string Self => decl.Model.ContainingTypes.Any(c => c.Name.Contains("<"))
        ? decl.Model.TypeName
        : "global::" + string.Join(".", new[] { decl.Model.Namespace }.Where(n => n.Length > 0)
            .Concat(decl.Model.ContainingTypes.Select(c => c.Name)).Append(decl.Model.TypeName));

    /// <summary>A dimension's value inside the objective: its field, the batch size for the row dimension, or a fixed size's literal.</summary>
    private string DimValue(string d, string? batch) =>
        d == layout.RowDim && batch is not null ? batch
        : Shapes.DimNames.IsFixed(d) ? d
        : fields["dim:" + d];

    private string Product(TensorShape x, string? batch, bool skipRow = false)
    {
        var dims = skipRow ? x.Dims.Skip(1) : x.Dims;
        return dims.Any() ? string.Join(" * ", dims.Select(d => DimValue(d, batch))) : "1";
    }

    private string ShapeText(TensorShape x) => "[" + string.Join(", ", x.Dims) + "]";

    private void Write()
    {
        var t = elem;
        var m = decl.Model;
        w.Line();
        w.Line("/// <summary>");
        w.Line($"/// <see cref=\"{m.TypeName}\"/> over a training set, for the trainer: an <see cref=\"{Training}.IBatchObjective{{T}}\"/> whose");
        w.Line($"/// examples are the rows of {string.Join(", ", layout.RowTensors.Select(x => Xml(x.Name)))} (dimension {layout.RowDim}). A batch is the loss evaluated on the batch's");
        w.Line($"/// rows as if they were the whole set, gathered into scratch this objective reuses. The parameters are");
        w.Line($"/// <c>[{string.Join(" | ", Differentiable.Select(x => Xml(x.Name + " " + ShapeText(x))))}]</c>, each row-major, in declaration order;");
        w.Line("/// the properties named after them give their ranges, for example to penalise one of them only.");
        w.Line("/// </summary>");
        w.Line($"/// <typeparam name=\"{t}\">The element type, float or double.</typeparam>");
        w.Line($"public readonly struct Objective<{t}> : {Training}.IBatchObjective<{t}>");
        w.Line($"    where {t} : unmanaged, global::System.Numerics.IFloatingPointIeee754<{t}>");
        w.Open("");
        foreach (var x in Data)
            w.Line($"private readonly global::System.ReadOnlyMemory<{(x.Kind == ParamKind.Labels ? "int" : t)}> {fields[x.Name]};");
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
        var offset = "0";
        foreach (var x in Differentiable)
        {
            w.Line($"/// <summary>Where {Xml(x.Name)} {Xml(ShapeText(x))} lies in the parameters.</summary>");
            w.Line($"public {Training}.ParameterRange {rangeProperties[x.Name]} => new({offset}, {Product(x, null)});");
            w.Line();
            offset = offset == "0" ? Product(x, null) : offset + " + " + Product(x, null);
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
            var dims = x.Dims.Select(d => Shapes.DimNames.IsFixed(d) ? d : Dim(d)).ToList();
            var product = dims.Count == 0 ? "1L" : string.Join(" * ", dims.Select(d => "(long)" + d));
            w.Line($"{Guard}.Length({x.Name}.Length, {product}, \"{CSharpNames.Bare(x.Name)}\", \"{ShapeText(x)}\"{string.Concat(dims.Select(d => ", " + d))});");
        }
        foreach (var l in decl.Labels)
        {
            var classes = Shapes.DimNames.IsFixed(l.ClassDim) ? l.ClassDim : Dim(l.ClassDim);
            w.Line($"{Guard}.Labels({l.Labels}.Span, \"{CSharpNames.Bare(l.Labels)}\", {classes}, \"{l.ClassDim}\");");
        }
        foreach (var h in Hypers)
            w.Line($"{Guard}.Finite({h.Name}, \"{CSharpNames.Bare(h.Name)}\");");
        var sizes = Differentiable.Select(x =>
            $"{Support}.Elements(\"{CSharpNames.Bare(x.Name)}\", new int[] {{ {string.Join(", ", x.Dims.Select(d => Shapes.DimNames.IsFixed(d) ? d : Dim(d)))} }}, new string[] {{ {string.Join(", ", x.Dims.Select(d => "\"" + (Shapes.DimNames.IsFixed(d) ? d : Dim(d)) + "\""))} }})");
        w.Line($"long count = {string.Join(" + (long)", sizes)};");
        w.Line($"if (count > int.MaxValue) throw new global::System.ArgumentException($\"The parameters of {Name} have {{count}} elements, more than a span holds.\");");
        foreach (var x in Data) w.Line($"{fields[x.Name]} = {x.Name};");
        foreach (var d in ApiDims) w.Line($"{fields["dim:" + d]} = {Dim(d)};");
        foreach (var h in Hypers) w.Line($"{fields[h.Name]} = {h.Name};");
        w.Line($"{parameterCount} = (int)count;");
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
                    args.Add($"{Support}.As<{t}, {type}>({parameters}.Slice({rangeProperties[x.Name]}.Offset, {rangeProperties[x.Name]}.Length))");
                    continue;
                }
                var source = $"{fields[x.Name]}.Span";
                var value = layout.RowTensors.Contains(x)
                    ? $"{Support}.Gather({source}, {Product(x, null, skipRow: true)}, {rows}, ref rowScratch.{fields[x.Name]})"
                    : source;
                args.Add(x.Kind == ParamKind.Labels ? value : $"{Support}.As<{t}, {type}>({value})");
            }
            args.AddRange(decl.Dims.Select(d => DimValue(d, rows + ".Length")));
            foreach (var x in Differentiable)
                args.Add($"{Support}.As<{t}, {type}>({gradient}.Slice({rangeProperties[x.Name]}.Offset, {rangeProperties[x.Name]}.Length))");
            args.AddRange(Hypers.Select(h => type == "float" ? $"(float){fields[h.Name]}" : fields[h.Name]));
            w.Line($"{type} value = {Self}.ValueAndGradient(");
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
        foreach (var x in layout.RowTensors)
            w.Line($"public {(x.Kind == ParamKind.Labels ? "int" : elem)}[] {fields[x.Name]} = global::System.Array.Empty<{(x.Kind == ParamKind.Labels ? "int" : elem)}>();");
        w.Close();
    }

    private static string Literal(double v) => v.ToString("R", CultureInfo.InvariantCulture) + "d";

    private static string Xml(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
