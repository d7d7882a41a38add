using LossGen.Compiler.Ir;
using LossGen.Compiler.Model;

namespace LossGen.Compiler.Passes;

/// <summary>A loop of a gradient term: an index variable and the dimension it ranges over.</summary>
internal sealed record LoopVar(string Var, string Dim);

/// <summary>
/// One term of the derived gradient, in index notation:
/// <c>d{Tensor}[Index] += Σ_{Loops} Coeff</c>.
/// The loops are the reductions that enclose the differentiated element access, outermost first;
/// <see cref="Coeff"/> is the product of partial derivatives along the path from the result to
/// that access, and may refer to forward values (a reduction's result, an exp) by structure.
/// </summary>
internal sealed record GradTerm(string Tensor, EquatableArray<Ix> Index, EquatableArray<LoopVar> Loops, Expr Coeff);
