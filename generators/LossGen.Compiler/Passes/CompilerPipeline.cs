using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Emit;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Lowering;
using LossGen.Compiler.Model;

namespace LossGen.Compiler.Passes;

/// <summary>
/// The generated source of one declaration (a fallback part when it does not compile). Why it
/// does not compile is the analyzer's to report, at the spans only it has.
/// </summary>
internal sealed record CompileResult(string HintName, string Source);

/// <summary>
/// The LossGen compiler's passes, in order. Read and Parse run in <see cref="Parse.DslParser"/>
/// (they need Roslyn symbols); everything after works on plain values.
/// <code>
///  1. Shapes         InferShapes      dimensions of every index and tensor; shape errors as data
///  2. Canonicalize   CanonicalizeIndexNames  alpha-equal subexpressions become equal values
///  3. Stabilize      Stabilize        log Σ exp → logsumexp (max-shifted when lowered)
///  4. Simplify       Simplify         constant folding, identities, small powers
///  5. Differentiate  Differentiate    reverse mode → gradient terms in index notation
///  6. Fold           FoldLabelScatters ds[i, y[i]] += a  →  ds[i, j] += [j == y[i]]·a, one store per element
///     Simplify       Simplify         the same clean-up on the derived coefficients
///  7. Contract       ExtractContractions  Σ_k A[i, k]·B[k, j] → a product tensor computed by the blocked
///                                     contraction kernels (Contraction.Product); the gradient is derived
///                                     again with respect to the products, and their operands' gradients
///                                     follow from Contraction.AddRightGradient/AddLeftGradient
///  8. Lower          Lower            loops, fusion, hoisting/CSE, vector lanes, masked tails
///  9. Emit           DeclarationEmitter  readable C#: API, validation, dispatch, docs
/// </code>
/// </summary>
internal static class CompilerPipeline
{
    public static CompileResult Compile(DeclarationModel model)
    {
        var hint = HintName(model);
        if (model.DiagnosticIds.Count > 0 || model.Body is null)
            return Fallback(hint, model, model.DiagnosticIds);

        var (shaped, shapeErrors) = InferShapes.Run(model);
        if (shaped is null)
            return Fallback(hint, model, shapeErrors.Select(e => e.Id).ToEquatableArray());

        var body = Simplify.Run(Stabilize.Run(CanonicalizeIndexNames.Run(shaped.Body, Naming.Reserved(shaped))));
        var terms = Derive(shaped, body);

        // Contractions become products computed by the blocked kernels; the rest is lowered over them,
        // with the gradient derived with respect to the products (the documented one stays that of the body).
        var plan = ExtractContractions.Run(shaped, body);
        var lowered = plan?.Scores ?? shaped;
        var loweredBody = plan?.Body ?? body;
        var loweredTerms = plan is null ? terms : Derive(plan.Scores, plan.Body);

        // Lowered once: the kernels are generic over the element type (float and double share one body).
        var kernels = new KernelSet(
            Lower.Run(lowered, loweredBody, new List<GradTerm>(), withGradients: false, tieSource: loweredTerms),
            Lower.Run(lowered, loweredBody, loweredTerms, withGradients: true));
        return new CompileResult(hint, DeclarationEmitter.Emit(shaped, body, terms, kernels, plan));
    }

    private static List<GradTerm> Derive(ShapedDeclaration decl, Expr body)
    {
        var differentiable = decl.Tensors.Where(t => t.Kind == ParamKind.Tensor).Select(t => t.Name).ToList();
        return FoldLabelScatters.Run(Differentiate.Run(body, differentiable))
            .Select(t => t with { Coeff = Simplify.Run(t.Coeff) })
            .ToList();
    }

    /// <summary>
    /// The generated file's name: the declaration's full name, with the characters a hint name may
    /// not contain (the &lt;T&gt; of a generic container) replaced, so it stays unique and valid.
    /// </summary>
    public static string HintName(DeclarationModel model)
    {
        var full = (model.Namespace.Length > 0 ? model.Namespace + "." : "")
                   + string.Concat(model.ContainingTypes.Select(c => c.Name + ".")) + model.TypeName;
        return HintName(full);
    }

    /// <summary>
    /// A hint name for a full type name, with the characters a hint name may not contain replaced.
    /// A verbatim '@' is dropped: <c>@event</c> and <c>event</c> are the same identifier.
    /// </summary>
    public static string HintName(string fullName) =>
        new string(fullName.Where(ch => ch != '@').Select(ch => char.IsLetterOrDigit(ch) || ch is '.' or '_' ? ch : '_').ToArray()) + ".g.cs";

    /// <summary>
    /// An invalid declaration still gets a compiling partial struct, so the only errors the user
    /// sees are LossGen's diagnostics (reported by the analyzer), not a cascade of missing members.
    /// </summary>
    private static CompileResult Fallback(string hint, DeclarationModel model, EquatableArray<string> diagnosticIds)
    {
        var w = new CodeWriter();
        w.Line("// <auto-generated/>");
        w.Line("// LossGen could not compile " + model.FullName + "; see the LG diagnostics on its declaration.");
        // A struct declared without 'partial' cannot be extended; adding a part would only add an error.
        // A generic one would get a part that is another, non-generic type.
        if (diagnosticIds.Any(id => id == Diagnostics.Descriptors.NotPartialStruct.Id || id == Diagnostics.Descriptors.GenericDeclaration.Id))
            return new CompileResult(hint, w.ToString());
        if (model.Namespace.Length > 0) w.Line($"namespace {model.Namespace};");
        foreach (var outer in model.ContainingTypes) w.Open($"{outer.Keyword} {outer.Name}");
        w.Line($"partial {model.TypeKeyword} {model.TypeName} {{ }}");
        foreach (var _ in model.ContainingTypes) w.Close();
        return new CompileResult(hint, w.ToString());
    }
}
