using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Emit;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Lowering;
using LossGen.Compiler.Model;
using LossGen.Compiler.Parse;
using LossGen.Compiler.Passes;

namespace LossGen.Compiler.Passes;

/// <summary>A hyper-parameter of a regularizer, with its declared default.</summary>
internal sealed record PenaltyHyper(string Name, double? Default);

/// <summary>
/// A [Regularizer] whose gradient is element-wise: <c>R(w) = Σ_p f(w[p])</c> (plus anything
/// that does not depend on w), so <c>∂R/∂w[p] = f′(w[p])</c> reads only its own element.
/// <see cref="Derivative"/> is f′ with the element written <c>Access(Weight, [p])</c>
/// (<see cref="OptimizerModel.Element"/>), as the Differentiate pass derives it, so kinks follow
/// docs/subgradients.md (|w| has derivative sign(w), 0 at 0).
/// </summary>
internal sealed record ElementwisePenalty(
    string Namespace,
    string TypeName,
    EquatableArray<ContainingType> ContainingTypes,
    string TypeKeyword,
    string Weight,
    EquatableArray<PenaltyHyper> Hypers,
    Expr Derivative,
    string Formula,
    string Definition)
{
    public string FullName => (Namespace.Length == 0 ? "" : Namespace + ".") + TypeName;

    /// <summary>
    /// The element-wise form of <paramref name="model"/>, or null when its gradient is not
    /// element-wise (a Mean, whose derivative depends on P; a product or power of sums; a second
    /// tensor), or the declaration does not compile. No fused penalty is generated then: the
    /// regularizer is still usable through its ValueAndGradient, and the optimizer's Step&lt;TRegularizer&gt;
    /// simply does not accept it (a C# error that the nested Penalty type does not exist).
    /// </summary>
    public static ElementwisePenalty? Detect(DeclarationModel model)
    {
        if (model.Kind != DeclarationKind.Regularizer || model.DiagnosticIds.Count > 0 || model.Body is null) return null;
        var tensors = model.Parameters.Where(p => p.IsTensor).ToList();
        if (tensors.Count != 1 || tensors[0].Kind != ParamKind.Tensor) return null;
        var (shaped, errors) = InferShapes.Run(model);
        if (shaped is null || errors.Count > 0) return null;

        // The same front passes the regularizer's own kernels get, so f′ is the derivative they compute.
        var body = Simplify.Run(Stabilize.Run(CanonicalizeIndexNames.Run(shaped.Body, Naming.Reserved(shaped))));
        var weight = tensors[0].Name;
        var terms = Differentiate.Run(body, new[] { weight });
        if (terms.Count != 1) return null;
        var term = terms[0];

        // Element-wise: the gradient term writes dw at exactly the indices its loops range over
        // (each element once), and its coefficient reads w only at that same element.
        var vars = term.Index.Select(ix => (ix as VarIx)?.Var).ToList();
        if (vars.Any(v => v is null) || vars.Distinct().Count() != vars.Count) return null;
        if (!new HashSet<string>(term.Loops.Select(l => l.Var)).SetEquals(vars!)) return null;
        var own = new Access(weight, term.Index);
        foreach (var node in ExprWalk.Nodes(term.Coeff))
        {
            switch (node)
            {
                case Access a when !a.Equals(own): return null;
                case Reduce or Extent: return null;
            }
        }
        if (ExprWalk.IndexCompares(term.Coeff).Any()) return null;

        var element = new Access(weight, EquatableArray.Of<Ix>(new VarIx(OptimizerModel.Element)));
        var derivative = Simplify.Run(ExprWalk.Rewrite(term.Coeff, x => x.Equals(own) ? element : x));
        var hypers = model.Parameters.Where(p => p.Kind == ParamKind.Hyper).Select(p => new PenaltyHyper(p.Name, p.Default)).ToEquatableArray();
        return new ElementwisePenalty(model.Namespace, model.TypeName, model.ContainingTypes, model.TypeKeyword,
            weight, hypers, derivative, ExprPrinter.Print(derivative), model.SourceText);
    }
}
