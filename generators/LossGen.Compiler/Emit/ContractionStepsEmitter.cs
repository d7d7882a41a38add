using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Lowering;
using LossGen.Compiler.Passes;

namespace LossGen.Compiler.Emit;

/// <summary>
/// The kernel methods of a declaration with contractions (<see cref="ExtractContractions"/>): each
/// computes the products with <c>Contraction.Product</c>, calls the kernel lowered over them
/// (<c>…KernelOverProducts</c>, which writes each product's gradient when an operand is
/// differentiable), and then adds the operands' gradients with <c>Contraction.AddRightGradient</c> /
/// <c>AddLeftGradient</c>. The products and their gradients are rented from the thread's Scratch (LossGen.CompilerServices).
/// </summary>
internal sealed class ContractionStepsEmitter
{
    private readonly ShapedDeclaration decl;
    private readonly ContractionPlan plan;
    private readonly CodeWriter w;
    private readonly HashSet<string> byIndex;
    private readonly string batchRows;

    /// <param name="byIndex">
    /// The row tensors the objective's batch reads by index (<see cref="RowLayout.ReadByIndex"/>): the
    /// gradient kernel takes the batch's row indices for them, empty meaning rows 0 … N−1.
    /// </param>
    public ContractionStepsEmitter(ShapedDeclaration decl, ContractionPlan plan, IEnumerable<string> byIndex, CodeWriter w)
    {
        this.decl = decl;
        this.plan = plan;
        this.w = w;
        this.byIndex = new HashSet<string>(byIndex);
        batchRows = Naming.BatchRows(plan.Scores);
    }

    public void Write(KernelSet kernels)
    {
        var outer = new DeclarationEmitter(decl, decl.Body, new List<GradTerm>(), w);
        var inner = new DeclarationEmitter(plan.Scores, plan.Body, new List<GradTerm>(), w);
        WriteSteps("ValueKernel", outer, inner, withGradients: false);
        w.Line();
        inner.WriteKernel("ValueKernelOverProducts", kernels.Value, withGradients: false);
        w.Line();
        WriteSteps("ValueAndGradientKernel", outer, inner, withGradients: true);
        w.Line();
        inner.WriteKernel("ValueAndGradientKernelOverProducts", kernels.ValueAndGradient, withGradients: true);
    }

    private void WriteSteps(string name, DeclarationEmitter outer, DeclarationEmitter inner, bool withGradients)
    {
        const string t = Naming.ElementType;
        var ps = outer.KernelParameters(withGradients);
        var rowMapped = withGradients && byIndex.Count > 0;
        if (rowMapped) ps.Add(new Variable("ReadOnlySpan<int>", batchRows));
        w.Line(KernelAttributes.Line);
        w.Line($"private static double {name}{KernelAttributes.TypeParameters()}({string.Join(", ", ps.Select(p => p.Parameter))})");
        foreach (var constraint in KernelAttributes.Constraints()) w.Line("    " + constraint);
        w.Open("");
        // The by-index tensors whose batch a product has gathered, by the name of the batch.
        var batches = new Dictionary<string, string>();
        foreach (var s in plan.Steps)
        {
            var product = Naming.Kernel(decl, s.Product);
            var length = $"{Dim(s.RowDim)} * {Dim(s.ColumnDim)}";
            w.Line($"// {s.Product}[p, q] = Σ_k {Element(s.Left, s.LeftReduced, "p")}·{Element(s.Right, s.RightReduced, "q")} for every p and q, by the register-blocked");
            w.Line("// contraction kernels; the rest of the kernel reads it as a tensor. Rented, so nothing is allocated after warm-up.");
            Rent(t, product, length);
            if (withGradients && s.Differentiable) Rent(t, Grad(s.Product), length);
            var right = $"{Naming.Kernel(decl, s.Right)}, {RightStrides(s)}, {product}, {Sizes(s)}";
            if (rowMapped && byIndex.Contains(s.Left) && !batches.ContainsKey(s.Left))
            {
                var batch = Naming.Batch(plan.Scores, s.Left);
                batches[s.Left] = batch;
                w.Line($"// Row p of {s.Left} is row {batchRows}[p] of it (none given: row p), the objective's batch: the product copies each");
                w.Line($"// tile's rows into {batch} just before reading them, so they come from memory once, and the gradient reads {batch}.");
                w.Line($"{t}[] {batch}Array = Scratch<{t}>.Rent({batchRows}.IsEmpty ? 0 : {Dim(s.RowDim)} * {Dim(s.ReducedDim)});");
                w.Line($"ReadOnlySpan<{t}> {batch} = Contraction.Product<V, {t}>({Naming.Kernel(decl, s.Left)}, {batchRows}, {Dim(s.ReducedDim)}, {right}, {batch}Array);");
                continue;
            }
            w.Line($"Contraction.Product<V, {t}>({Left(s, batches)}, {right});");
        }
        var call = string.Join(", ", inner.KernelParameters(withGradients).Select(p => p.Name));
        w.Line($"double t0 = {name}OverProducts{KernelAttributes.TypeParameters()}({call});");
        foreach (var s in withGradients ? plan.Steps.Reverse() : Enumerable.Empty<ContractionStep>())
        {
            if (s.RightDifferentiable)
            {
                w.Line($"// {Grad(s.Right)} += Σ_p {Element(s.Left, s.LeftReduced, "p")}·{Grad(s.Product)}[p, q]: the chain rule through the product");
                w.Line($"Contraction.AddRightGradient<V, {t}>({Left(s, batches)}, {Grad(s.Product)}, {Grad(s.Right)}, {RightStrides(s)}, {Sizes(s)});");
            }
            if (s.LeftDifferentiable)
            {
                w.Line($"// {Grad(s.Left)} += Σ_q {Grad(s.Product)}[p, q]·{Element(s.Right, s.RightReduced, "q")}: the chain rule through the product");
                w.Line($"Contraction.AddLeftGradient<V, {t}>({Grad(s.Product)}, {Naming.Kernel(decl, s.Right)}, {RightStrides(s)}, {Grad(s.Left)}, {LeftStrides(s)}, {Sizes(s)});");
            }
        }
        foreach (var s in plan.Steps)
        {
            w.Line($"Scratch<{t}>.Return({Naming.Kernel(decl, s.Product)}Array);");
            if (withGradients && s.Differentiable) w.Line($"Scratch<{t}>.Return({Grad(s.Product)}Array);");
        }
        foreach (var batch in batches.Values) w.Line($"Scratch<{t}>.Return({batch}Array);");
        w.Line("return t0;");
        w.Close();
    }

    private void Rent(string t, string name, string length)
    {
        w.Line($"{t}[] {name}Array = Scratch<{t}>.Rent({length});");
        w.Line($"Span<{t}> {name} = {name}Array.AsSpan(0, {length});");
    }

    /// <summary>The operand's element with the summed axis k and the other one <paramref name="free"/>, as the user indexes it.</summary>
    private static string Element(string tensor, int reduced, string free) =>
        reduced == 0 ? $"{tensor}[k, {free}]" : $"{tensor}[{free}, k]";

    /// <summary>The left operand with its strides: the gathered batch (row-major) once a product has gathered it, else the tensor.</summary>
    private string Left(ContractionStep s, IReadOnlyDictionary<string, string> batches) =>
        batches.TryGetValue(s.Left, out var batch)
            ? $"{batch}, {Dim(s.ReducedDim)}, 1"
            : $"{Naming.Kernel(decl, s.Left)}, {LeftStrides(s)}";

    /// <summary>Strides of the left operand's (p, k): row-major [P, K] is (K, 1); [K, P] is (1, P).</summary>
    private string LeftStrides(ContractionStep s) =>
        s.LeftReduced == 1 ? $"{Dim(s.ReducedDim)}, 1" : $"1, {Dim(s.RowDim)}";

    /// <summary>Strides of the right operand's (k, q): row-major [K, Q] is (Q, 1); [Q, K] is (1, K).</summary>
    private string RightStrides(ContractionStep s) =>
        s.RightReduced == 0 ? $"{Dim(s.ColumnDim)}, 1" : $"1, {Dim(s.ReducedDim)}";

    private string Sizes(ContractionStep s) => $"{Dim(s.RowDim)}, {Dim(s.ColumnDim)}, {Dim(s.ReducedDim)}";

    private string Dim(string d) => Naming.DimParameter(decl, d);

    private string Grad(string tensor) => Naming.Gradient(plan.Scores, tensor);
}
