using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace LossGen.Compiler.Diagnostics;

/// <summary>
/// Every diagnostic LossGen reports. IDs are never reused; each has a page in docs/diagnostics/
/// with a wrong and a fixed example, and a row in the analyzer release table.
/// </summary>
internal static class Descriptors
{
    private const string DeclarationCategory = "LossGen.Declaration";
    private const string ShapeCategory = "LossGen.Shapes";

    // The page's relative name: it resolves in the repository and inside the NuGet package, both
    // of which carry docs/diagnostics/ (no hosted URL is assumed to exist).
    private static string HelpLink(string id) => $"docs/diagnostics/{id}.md";

    private static DiagnosticDescriptor Error(string id, string title, string message, string category) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    // Lints (LG03xx) are warnings: the declaration compiles and runs, but almost certainly not as meant.
    private static DiagnosticDescriptor Warning(string id, string title, string message, string category) =>
        new(id, title, message, category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    public static readonly DiagnosticDescriptor MissingDefine = Error("LG0001",
        "Declaration has no Define method",
        "'{0}' must declare 'static float Define(...)' with a body: the DSL expression LossGen compiles",
        DeclarationCategory);

    public static readonly DiagnosticDescriptor NotPartialStruct = Error("LG0002",
        "Declaration must be a partial struct",
        "'{0}' must be declared '{1}' so LossGen can add the generated members",
        DeclarationCategory);

    public static readonly DiagnosticDescriptor UnsupportedParameter = Error("LG0003",
        "Unsupported parameter type",
        "Parameter '{0}' has type '{1}'; a Define parameter is a Tensor, Labels, or a float/double/int hyper-parameter",
        DeclarationCategory);

    public static readonly DiagnosticDescriptor UnsupportedStatement = Error("LG0004",
        "Unsupported statement",
        "'{0}' is not supported in a LossGen declaration: use local 'var' definitions and one final 'return'",
        DeclarationCategory);

    public static readonly DiagnosticDescriptor UnsupportedExpression = Error("LG0005",
        "Unsupported construct",
        "'{0}' is not supported in the LossGen DSL: {1}",
        DeclarationCategory);

    public static readonly DiagnosticDescriptor UnknownFunction = Error("LG0006",
        "Unknown function",
        "'{0}' is not a LossGen DSL function; use the members of LossGen.Dsl (Sum, Mean, Max, Min, LogSumExp, Exp, Log, Sqrt, Sqr, Pow, Abs, Relu, Sigmoid, Softplus, Tanh, Sign)",
        DeclarationCategory);

    public static readonly DiagnosticDescriptor NonConstantExponent = Error("LG0007",
        "Exponent must be a constant or a hyper-parameter",
        "The exponent of Pow must be a numeric constant or a scalar hyper-parameter of the declaration, but it is '{0}'",
        DeclarationCategory);

    public static readonly DiagnosticDescriptor InvalidShapeAttribute = Error("LG0008",
        "Invalid Shape attribute",
        "[Shape] on '{0}' is invalid: {1}",
        DeclarationCategory);

    public static readonly DiagnosticDescriptor GenericDeclaration = Error("LG0009",
        "Declaration cannot be generic",
        "'{0}' has type parameters; a LossGen declaration must not be generic (float and double versions are generated for you; generic outer types are fine)",
        DeclarationCategory);

    public static readonly DiagnosticDescriptor DuplicateDefine = Error("LG0010",
        "Declaration has more than one Define method",
        "'{0}' already declares Define; a declaration has exactly one Define, so this one would be ignored: remove it, rename it, or make it a separate declaration",
        DeclarationCategory);

    public static readonly DiagnosticDescriptor IndexArithmetic = Error("LG0011",
        "Index arithmetic is not supported",
        "'{0}' computes an index, but an index must be an index variable or a label such as y[i]; to use shifted elements, pass the shifted tensor as an input of its own",
        DeclarationCategory);

    public static readonly DiagnosticDescriptor ReservedDeclarationName = Error("LG0012",
        "Declaration is named like a generated member",
        "'{0}' is the name of a member LossGen generates inside the declaration ({1}), and C# does not allow a member named like its type: rename the declaration",
        DeclarationCategory);

    public static readonly DiagnosticDescriptor RankMismatch = Error("LG0101",
        "Tensor indexed with the wrong number of indices",
        "'{0}' has rank {1} ({2}) but is indexed with {3} {4}",
        ShapeCategory);

    public static readonly DiagnosticDescriptor DimensionMismatch = Error("LG0102",
        "Index variable ranges over two different dimensions",
        "'{0}' is {1} but is indexed [{2}] with {3} over {4}",
        ShapeCategory);

    public static readonly DiagnosticDescriptor UnboundIndexRange = Error("LG0103",
        "Range of an index variable cannot be inferred",
        "The range of '{0}' cannot be inferred: it never indexes a tensor",
        ShapeCategory);

    public static readonly DiagnosticDescriptor LabelDimensionMismatch = Error("LG0104",
        "Labels index two different dimensions",
        "'{0}' indexes dimension {1} here but dimension {2} elsewhere; labels must index one class dimension",
        ShapeCategory);

    public static readonly DiagnosticDescriptor BroadcastMismatch = Error("LG0105",
        "Shapes cannot be broadcast together",
        "'{0}' is {1} and '{2}' is {3}: axis {4} has {5} vs {6}; aligned on the right, sizes must be equal or 1",
        ShapeCategory);

    public static readonly DiagnosticDescriptor AxisOutOfRange = Error("LG0106",
        "Reduction over an axis that does not exist",
        "'{0}' is {1}, which has no axis {2}: it has {3} {4}, 0 to {5} (negative axes count from the end)",
        ShapeCategory);

    public static readonly DiagnosticDescriptor MatMulMismatch = Error("LG0107",
        "Matrix product of incompatible shapes",
        "MatMul('{0}', '{2}') multiplies {1} by {3}: {4}",
        ShapeCategory);

    public static readonly DiagnosticDescriptor LabelComparedAcrossDimensions = Error("LG0108",
        "Labels compared with an index over another dimension",
        "'{0}' is compared with '{1}', which ranges over {2}, but '{0}' holds indices into {3}; labels are bound to one class dimension",
        ShapeCategory);

    public static readonly DiagnosticDescriptor WholeTensorShapeUnknown = Error("LG0109",
        "Shape of a tensor used whole is unknown",
        "'{0}' is used as a whole tensor but has no [Shape], and nothing it is combined with gives one; declare it, as in [Shape(\"N\", \"D\")]",
        ShapeCategory);

    private const string OptimizerCategory = "LossGen.Optimizer";

    public static readonly DiagnosticDescriptor MissingUpdateRule = Error("LG0201",
        "Optimizer has no update rule",
        "'{0}' must declare 'static void Define(ref float w, float g, ...)' with a body of assignments: the per-element update rule",
        OptimizerCategory);

    public static readonly DiagnosticDescriptor MissingWeightOrGradient = Error("LG0202",
        "Optimizer rule must start with the weight and its gradient",
        "{0}: an update rule's first parameter is the weight, 'ref float w', and its second the gradient, 'float g'",
        OptimizerCategory);

    public static readonly DiagnosticDescriptor AssignmentToReadOnly = Error("LG0203",
        "Only the weight, state and locals can be assigned",
        "'{0}' cannot be assigned: it is {1}; only the weight, 'ref' state parameters and locals of the rule can be",
        OptimizerCategory);

    public static readonly DiagnosticDescriptor UnsupportedUpdateStatement = Error("LG0204",
        "Unsupported statement in an update rule",
        "'{0}' is not supported in an update rule: use assignments ('=', '+=', '-=', '*=', '/=') and local definitions, with no loops, branches or returns",
        OptimizerCategory);

    public static readonly DiagnosticDescriptor UnsupportedOptimizerParameter = Error("LG0205",
        "Unsupported optimizer parameter",
        "Parameter '{0}' has type '{1}'; after the weight and the gradient, a parameter is 'ref float' state, a 'Step' counter, or a float/double/int hyper-parameter",
        OptimizerCategory);

    // ---- Lints (LG0301–LG0349): the declaration compiles, but numbers or gradients will not be what was meant ----

    private const string StabilityCategory = "LossGen.Stability";
    private const string GradientCategory = "LossGen.Gradient";
    private const string ConfigurationCategory = "LossGen.Configuration";

    public static readonly DiagnosticDescriptor UnshiftedLogSumExp = Warning("LG0301",
        "Log of a sum of exponentials without a max shift",
        "'{0}' is log-sum-exp written out, which overflows once an exponent exceeds about 88 (float) when evaluated as written; use 'LogSumExp({1} => …)', which is always evaluated max-shifted",
        StabilityCategory);

    public static readonly DiagnosticDescriptor NaiveSoftmax = Warning("LG0302",
        "Softmax without a max shift",
        "'{0}' is a softmax written as Exp(x) / Sum(Exp(…)): both overflow for scores above about 88 (float) and the quotient becomes NaN; write it as Exp(x - LogSumExp(…))",
        StabilityCategory);

    public static readonly DiagnosticDescriptor LogOfSoftmax = Warning("LG0303",
        "Log of a softmax",
        "'{0}' takes the log of a softmax; write it in log-softmax form, x - LogSumExp(…), which neither overflows nor takes the log of a probability that underflowed to 0",
        StabilityCategory);

    public static readonly DiagnosticDescriptor FloatAccumulationOverLargeDimension = Warning("LG0304",
        "Float accumulation over a dimension declared large",
        "'{0}' sums over '{1}', declared with {2} elements, in float vector lanes in the float kernels: past 2^24 = 16,777,216 terms a float sum no longer changes when a term is added; call the double overloads of '{3}' for data this large",
        StabilityCategory);

    public static readonly DiagnosticDescriptor L2WithAdam = Warning("LG0305",
        "L2 regularization combined with Adam",
        "{0} adds L2 regularization to the gradient, which Adam then divides by its running RMS, so weights with large gradients are barely decayed; for weight decay use AdamWTorch.Optimizer (or AdamWPaper.Optimizer) and {1}",
        ConfigurationCategory);

    public static readonly DiagnosticDescriptor RegularizedBias = Warning("LG0306",
        "Regularizer applied to a bias",
        "'{0}' regularizes '{1}', which is added to the scores as a bias; a bias does not scale any input, so penalizing it only pulls the scores' offset towards 0: regularize the weights alone",
        ConfigurationCategory);

    public static readonly DiagnosticDescriptor NonDifferentiableOperation = Warning("LG0307",
        "Non-differentiable operation on a differentiable input",
        "'{0}' depends on the differentiable '{1}' only through {2}, whose derivative is zero almost everywhere: no gradient reaches '{1}' through it",
        GradientCategory);

    public static readonly DiagnosticDescriptor MissingShape = new("LG0308",
        "Tensor parameter has no [Shape]",
        "'{0}' has no [Shape]; its dimensions are inferred from use as [{1}]",
        ShapeCategory, DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpLink("LG0308"));

    public static readonly DiagnosticDescriptor InternalError = new("LG0999",
        "LossGen internal error",
        "LossGen failed to compile '{0}': {1}. Please report this with the declaration.",
        "LossGen.Internal", DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink("LG0999"));

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = new[]
    {
        MissingDefine, NotPartialStruct, UnsupportedParameter, UnsupportedStatement, UnsupportedExpression,
        UnknownFunction, NonConstantExponent, InvalidShapeAttribute, GenericDeclaration, DuplicateDefine, IndexArithmetic, ReservedDeclarationName,
        RankMismatch, DimensionMismatch, UnboundIndexRange, LabelDimensionMismatch,
        BroadcastMismatch, AxisOutOfRange, MatMulMismatch, LabelComparedAcrossDimensions, WholeTensorShapeUnknown,
        MissingUpdateRule, MissingWeightOrGradient, AssignmentToReadOnly, UnsupportedUpdateStatement, UnsupportedOptimizerParameter,
        UnshiftedLogSumExp, NaiveSoftmax, LogOfSoftmax, FloatAccumulationOverLargeDimension,
        L2WithAdam, RegularizedBias, NonDifferentiableOperation, MissingShape,
        InternalError,
    };

    public static DiagnosticDescriptor ById(string id)
    {
        foreach (var d in All)
            if (d.Id == id) return d;
        throw new KeyNotFoundException(id);
    }
}
