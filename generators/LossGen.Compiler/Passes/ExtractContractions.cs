using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Lowering;
using LossGen.Compiler.Model;

namespace LossGen.Compiler.Passes;

/// <summary>
/// One contraction taken out of a declaration: <c>Product[p, q] = Σ_k Left(p, k)·Right(k, q)</c>
/// over the full extents, where <see cref="LeftReduced"/> and <see cref="RightReduced"/> say which
/// axis of each rank-2 operand is the summed one (W declared [D, C] has it at 0, [C, D] at 1).
/// It runs before the rest of the kernel (<c>Contraction.Product</c>); the rest reads
/// <see cref="Product"/> as a tensor, and, when an operand is differentiable, writes the product's
/// gradient, from which <c>Contraction.AddRightGradient</c>/<c>AddLeftGradient</c> finish the chain rule.
/// </summary>
internal sealed record ContractionStep(
    string Product, string Left, int LeftReduced, string Right, int RightReduced,
    string RowDim, string ColumnDim, string ReducedDim, bool LeftDifferentiable, bool RightDifferentiable)
{
    public bool Differentiable => LeftDifferentiable || RightDifferentiable;
}

/// <summary>
/// What <see cref="ExtractContractions"/> made of a declaration: the declaration the rest of the
/// kernel is lowered from (the products added as tensors), its body, and the steps around it.
/// </summary>
internal sealed record ContractionPlan(ShapedDeclaration Scores, Expr Body, EquatableArray<ContractionStep> Steps);

/// <summary>
/// ExtractContractions: finds every reduction <c>Σ_k A[…, k, …]·B[…, k, …]</c> of two rank-2 tensors
/// that some use needs for every pair of its free indices (<c>Σ_k X[i, k]·W[k, j]</c> under loops over i
/// and j — the scores of a linear model, from <c>Tensor.Of</c> or <c>MatMul</c> alike, which read into
/// the same IR) and replaces each occurrence, whatever its indices (<c>W[k, y[i]]</c> too), by an
/// element of one product tensor computed by the blocked contraction kernels. A lone scalar loop
/// with one accumulator cannot reach the FMA rate; a register-blocked product can, and the loss over
/// the product is then the short-row kernel Lower already makes fast.
/// </summary>
internal static class ExtractContractions
{
    public static ContractionPlan? Run(ShapedDeclaration decl, Expr body)
    {
        var tensors = decl.Tensors.ToDictionary(t => t.Name);
        var wanted = new List<Key>();
        foreach (var node in ExprWalk.Nodes(body))
            if (Match(node, tensors) is { } m && m.Full && !wanted.Contains(m.Key)) wanted.Add(m.Key);
        if (wanted.Count == 0) return null;

        var taken = new HashSet<string>(Naming.Reserved(decl).Concat(decl.Tensors.Select(t => t.Name)));
        var steps = new List<ContractionStep>();
        var names = new Dictionary<Key, string>();
        foreach (var key in wanted)
        {
            var name = Unique(CSharpNames.Bare(key.Left) + CSharpNames.Bare(key.Right), taken);
            taken.Add(name);
            taken.Add("d" + name);
            names[key] = name;
            var left = tensors[key.Left];
            var right = tensors[key.Right];
            steps.Add(new ContractionStep(name, key.Left, key.LeftReduced, key.Right, key.RightReduced,
                left.Dims[1 - key.LeftReduced], right.Dims[1 - key.RightReduced], left.Dims[key.LeftReduced],
                left.Kind == ParamKind.Tensor, right.Kind == ParamKind.Tensor));
        }

        var rewritten = ExprWalk.Rewrite(body, e =>
            Match(e, tensors) is { } m && names.TryGetValue(m.Key, out var product)
                ? new Access(product, new EquatableArray<Ix>(new[] { m.Row, m.Column }))
                : e);

        var added = steps.Select(s => new TensorShape(s.Product, s.Differentiable ? ParamKind.Tensor : ParamKind.ConstTensor,
            new EquatableArray<string>(new[] { s.RowDim, s.ColumnDim }))).ToList();
        var parameters = decl.Model.Parameters.Concat(added.Select(t =>
            new ParamModel(t.Name, t.Kind, t.Dims, 2, null))).ToEquatableArray();
        var scores = decl with
        {
            Model = decl.Model with { Parameters = parameters },
            Body = rewritten,
            Tensors = decl.Tensors.Concat(added).ToEquatableArray(),
        };

        // The kernel over the products shares the public method's names for dimensions and
        // gradients; if a product's name would shift one of them, keep the plain lowering.
        var sameNames = decl.Dims.All(d => Naming.DimParameter(decl, d) == Naming.DimParameter(scores, d))
                        && decl.Tensors.All(t => Naming.Gradient(decl, t.Name) == Naming.Gradient(scores, t.Name));
        return sameNames ? new ContractionPlan(scores, rewritten, steps.ToEquatableArray()) : null;
    }

    /// <summary>Which product an occurrence reads: the operands and their summed axes.</summary>
    private sealed record Key(string Left, int LeftReduced, string Right, int RightReduced);

    /// <summary>An occurrence: its product, the element it reads, and whether it ranges over all of it.</summary>
    private sealed record Occurrence(Key Key, Ix Row, Ix Column, bool Full);

    private static Occurrence? Match(Expr e, Dictionary<string, TensorShape> tensors)
    {
        if (e is not Reduce { Op: ReduceOp.Sum } r || r.Body is not Binary { Op: BinaryOp.Mul, A: Access a, B: Access b }) return null;
        if (!IsOperand(a, tensors) || !IsOperand(b, tensors)) return null;
        var ka = ReducedAxis(a, r.Var);
        var kb = ReducedAxis(b, r.Var);
        if (ka < 0 || kb < 0) return null;
        var row = a.Indices[1 - ka];
        var column = b.Indices[1 - kb];
        // The product is materialized only if some use reads all of it: two different loop variables.
        var full = row is VarIx rv && column is VarIx cv && rv.Var != cv.Var;
        return new Occurrence(new Key(a.Tensor, ka, b.Tensor, kb), row, column, full);
    }

    private static bool IsOperand(Access a, Dictionary<string, TensorShape> tensors) =>
        a.Indices.Count == 2 && tensors.TryGetValue(a.Tensor, out var t) && t.Dims.Count == 2
        && t.Kind is ParamKind.Tensor or ParamKind.ConstTensor;

    /// <summary>The axis indexed by exactly the summed variable, when the other axis does not mention it; else −1.</summary>
    private static int ReducedAxis(Access a, string var)
    {
        bool Is(Ix ix) => ix is VarIx v && v.Var == var;
        bool Mentions(Ix ix) => ExprWalk.FreeVars(ix).Contains(var);
        if (Is(a.Indices[0]) && !Mentions(a.Indices[1])) return 0;
        if (Is(a.Indices[1]) && !Mentions(a.Indices[0])) return 1;
        return -1;
    }

    private static string Unique(string name, HashSet<string> taken)
    {
        var candidate = name;
        // Two names joined can spell a keyword (flo + at): such a candidate is skipped like a taken one.
        for (var n = 2; taken.Contains(candidate) || taken.Contains("d" + candidate) || Naming.LooksLikeTemporary(candidate) || CSharpNames.Escape(candidate) != candidate; n++)
            candidate = name + "Product" + (n == 2 ? "" : n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return candidate;
    }
}
