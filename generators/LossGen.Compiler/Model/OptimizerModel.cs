using LossGen.Compiler.Emit;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Lowering;
using LossGen.Compiler.Model;
using LossGen.Compiler.Parse;
using LossGen.Compiler.Passes;

namespace LossGen.Compiler.Model;

/// <summary>What a parameter of an optimizer's <c>Define</c> is.</summary>
internal enum OptimizerParamKind
{
    /// <summary>The first parameter, <c>ref float w</c>: the weight being updated.</summary>
    Weight,
    /// <summary>The second parameter, <c>float g</c>: the gradient of the weight (read only).</summary>
    Gradient,
    /// <summary>Any further <c>ref float</c>: one element of a per-parameter state buffer.</summary>
    State,
    /// <summary>A <c>Step</c>: the 1-based step counter, the same for every element.</summary>
    Step,
    /// <summary>A float, double or int passed by value: a hyper-parameter, the same for every element.</summary>
    Hyper,
}

/// <summary>A parameter of an optimizer's <c>Define</c>; <see cref="Default"/> is a hyper-parameter's default value.</summary>
internal sealed record OptimizerParam(string Name, OptimizerParamKind Kind, double? Default)
{
    /// <summary>Weight and state: the parameters that are spans the update writes.</summary>
    public bool IsBuffer => Kind is OptimizerParamKind.Weight or OptimizerParamKind.State;
}

/// <summary>
/// One statement of the rule, in source order. <see cref="Value"/> is the value assigned, with
/// every earlier assignment already substituted, so it is a pure expression of the values the
/// buffers held before the step (<c>Access(m, [p])</c>), the gradient, the step counter and the
/// hyper-parameters. <see cref="Target"/> is the buffer written, or null for a local.
/// </summary>
internal sealed record UpdateStatement(string Text, string? Target, Expr Value);

/// <summary>
/// Everything the compiler needs of one [Optimizer] declaration after Read and Parse: plain
/// values with value equality and no symbols, syntax or positions, so the incremental pipeline
/// reuses its compiled output until the rule itself changes (see <see cref="DeclarationModel"/>).
/// The diagnostics, with their spans, are <see cref="ParsedOptimizer.Diagnostics"/>; only their
/// ids are here, which is all the fallback needs.
/// </summary>
internal sealed record OptimizerModel(
    string Namespace,
    string TypeName,
    EquatableArray<ContainingType> ContainingTypes,
    string TypeKeyword,
    EquatableArray<OptimizerParam> Parameters,
    EquatableArray<UpdateStatement> Statements,
    EquatableArray<string> DiagnosticIds)
{
    /// <summary>
    /// The body of <c>Define</c> as written, one statement per item (a statement that spans lines
    /// keeps its line breaks): the generated tests run it as ordinary C# for the scalar reference.
    /// </summary>
    public EquatableArray<string> RuleSource { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The index variable every element access uses: the rule is the same for every element p.</summary>
    public const string Element = "p";

    public string FullName => (Namespace.Length == 0 ? "" : Namespace + ".") + TypeName;
}
