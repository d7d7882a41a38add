using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Ir;

namespace LossGen.Compiler.Parse;

/// <summary>Where a DSL function may be written.</summary>
[Flags]
internal enum DslForms
{
    None = 0,

    /// <summary>On values inside a <c>[Loss]</c> or <c>[Regularizer]</c> body: <c>Exp(s[i, j])</c>, <c>Sum(k => …)</c>.</summary>
    Indexed = 1,

    /// <summary>On whole tensors, numpy style: <c>Exp(X)</c>, <c>Sum(X, axis: 1)</c>, <c>MatMul(X, W)</c>.</summary>
    WholeTensor = 2,

    /// <summary>Per element in an <c>[Optimizer]</c> update rule.</summary>
    UpdateRule = 4,
}

/// <summary>
/// One function of <c>LossGen.Dsl</c> and what it means to the compiler. A name can play more than
/// one role: <c>Max(a, b)</c> is pointwise and <c>Max(j => …)</c> a reduction.
/// </summary>
internal sealed class DslFunction
{
    public DslFunction(string name, DslForms forms, UnaryOp? unary = null, BinaryOp? binary = null, ReduceOp? reduction = null)
    {
        Name = name;
        Forms = forms;
        Unary = unary;
        Binary = binary;
        Reduction = reduction;
    }

    public string Name { get; }

    /// <summary>The forms the function has (a test checks them against the overloads of <c>LossGen.Dsl</c>).</summary>
    public DslForms Forms { get; }

    /// <summary>The pointwise operation of a one-argument call.</summary>
    public UnaryOp? Unary { get; }

    /// <summary>The pointwise operation of a two-argument call.</summary>
    public BinaryOp? Binary { get; }

    /// <summary>The reduction of a call on a lambda, or on a whole tensor and an axis.</summary>
    public ReduceOp? Reduction { get; }

    public bool Has(DslForms form) => (Forms & form) == form;

    /// <summary>How many value arguments the pointwise form takes; -1 when the function is only a reduction.</summary>
    public int PointwiseArity => Binary is not null || IsPow ? 2 : Unary is not null ? 1 : -1;

    public bool IsPow => Name == DslVocabulary.Pow;
}

/// <summary>
/// The DSL's vocabulary, listed once: both front ends (losses and update rules) look functions up
/// here, and a test checks this table against the overloads of <c>LossGen.Dsl</c> and the lists in
/// docs/dsl.md and docs/optimizers.md, so adding a function is one row plus its lowering.
/// </summary>
internal static class DslVocabulary
{
    public const string Pow = "Pow";
    public const string MatMul = "MatMul";
    public const string Transpose = "Transpose";

    private const DslForms Everywhere = DslForms.Indexed | DslForms.WholeTensor | DslForms.UpdateRule;
    private const DslForms ScalarOnly = DslForms.Indexed | DslForms.UpdateRule;

    public static readonly IReadOnlyList<DslFunction> Functions = new[]
    {
        new DslFunction("Sum", DslForms.Indexed | DslForms.WholeTensor, reduction: ReduceOp.Sum),
        new DslFunction("Mean", DslForms.Indexed | DslForms.WholeTensor, reduction: ReduceOp.Mean),
        new DslFunction("Max", Everywhere, binary: BinaryOp.Max, reduction: ReduceOp.Max),
        new DslFunction("Min", Everywhere, binary: BinaryOp.Min, reduction: ReduceOp.Min),
        new DslFunction("LogSumExp", DslForms.Indexed | DslForms.WholeTensor, reduction: ReduceOp.LogSumExp),
        new DslFunction("Exp", Everywhere, unary: UnaryOp.Exp),
        new DslFunction("Log", Everywhere, unary: UnaryOp.Log),
        new DslFunction("Sqrt", Everywhere, unary: UnaryOp.Sqrt),
        new DslFunction("Sqr", Everywhere, unary: UnaryOp.Sqr),
        new DslFunction(Pow, Everywhere),
        new DslFunction("Abs", Everywhere, unary: UnaryOp.Abs),
        // Its derivative is 0 (LG0307 warns when the argument is differentiable); no whole-tensor form.
        new DslFunction("Sign", ScalarOnly, unary: UnaryOp.Sign),
        new DslFunction("Relu", Everywhere, unary: UnaryOp.Relu),
        new DslFunction("Sigmoid", Everywhere, unary: UnaryOp.Sigmoid),
        new DslFunction("Softplus", Everywhere, unary: UnaryOp.Softplus),
        new DslFunction("Tanh", Everywhere, unary: UnaryOp.Tanh),
        new DslFunction(Transpose, DslForms.WholeTensor),
        new DslFunction(MatMul, DslForms.WholeTensor),
    };

    private static readonly Dictionary<string, DslFunction> ByName = Functions.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The function named <paramref name="name"/> if it has <paramref name="form"/>.</summary>
    public static DslFunction? Find(string name, DslForms form) =>
        ByName.TryGetValue(name, out var f) && f.Has(form) ? f : null;
}
