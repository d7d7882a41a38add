using LossGen.Compiler.Ir;

namespace LossGen.Compiler.Model;

internal enum DeclarationKind { Loss, Regularizer }

internal enum ParamKind
{
    /// <summary>A differentiable tensor: the generated gradient is written for it.</summary>
    Tensor,
    /// <summary>A constant tensor input such as X: no gradient.</summary>
    ConstTensor,
    /// <summary>Integer labels, indices into a class dimension.</summary>
    Labels,
    /// <summary>A scalar hyper-parameter.</summary>
    Hyper,
}

/// <summary>
/// A parameter of <c>Define</c>. For tensors, <see cref="DeclaredDims"/> holds the [Shape] names (empty
/// when not annotated) and <see cref="Rank"/> is the declared rank or the rank of its first use.
/// For hyper-parameters, <see cref="Default"/> is the default value, if any.
/// </summary>
internal sealed record ParamModel(string Name, ParamKind Kind, EquatableArray<string> DeclaredDims, int Rank, double? Default)
{
    /// <summary>
    /// For a tensor without [Shape] that is used whole, the expression its shape was taken from
    /// (<c>X - mu</c>); <see cref="DeclaredDims"/> then holds that shape. Null otherwise.
    /// </summary>
    public string? InferredFrom { get; init; }

    public bool IsTensor => Kind is ParamKind.Tensor or ParamKind.ConstTensor or ParamKind.Labels;
}

/// <summary>
/// A tensor element access as written, for the shape checks. Where it was written is in
/// <see cref="DeclarationSpans.Sites"/>, at the same position in the list.
/// </summary>
internal sealed record AccessSite(string Tensor, EquatableArray<Ix> Indices);

/// <summary>
/// An index variable declared by a lambda parameter (or for an axis of a whole tensor), for
/// diagnostics about its range. <see cref="Var"/> is unique in the declaration (a second
/// <c>j</c> becomes <c>j2</c>); <see cref="Written"/> is the name the user wrote, which is what
/// messages must show. Where it was declared is in <see cref="DeclarationSpans.IndexVars"/>.
/// </summary>
internal sealed record IndexVarSite(string Var, string Written);

/// <summary>
/// A comparison of labels with an index variable, <c>j == y[i]</c>: the labels' values range
/// over the variable's dimension, which must be their class dimension. Where it was written is
/// in <see cref="DeclarationSpans.LabelCompares"/>.
/// </summary>
internal sealed record LabelCompareSite(string Labels, string Var);

/// <summary>An outer type the declaration is nested in (emitted around the generated members).</summary>
internal sealed record ContainingType(string Keyword, string Name);

/// <summary>
/// Everything the compiler needs of one declaration after Read and Parse: plain values with
/// value equality, no symbols or syntax, and no positions. It is what the generator's Compile
/// step takes, and the step re-runs whenever it is not equal to the last one: a span here would
/// make every edit above the declaration (a comment, a blank line, another type) recompile it.
/// Where things were written, for diagnostics, is <see cref="DeclarationSpans"/>, which only the
/// analyzer sees. <see cref="DiagnosticIds"/> are the ids of the Read and Parse diagnostics:
/// any one means no kernel, and a few decide which fallback part is emitted.
/// </summary>
internal sealed record DeclarationModel(
    string Namespace,
    string TypeName,
    EquatableArray<ContainingType> ContainingTypes,
    string TypeKeyword,
    DeclarationKind Kind,
    EquatableArray<ParamModel> Parameters,
    Expr? Body,
    EquatableArray<AccessSite> Sites,
    EquatableArray<IndexVarSite> IndexVars,
    EquatableArray<LabelCompareSite> LabelCompares,
    string SourceText,
    EquatableArray<string> DiagnosticIds)
{
    public string FullName => (Namespace.Length == 0 ? "" : Namespace + ".") + TypeName;
}
