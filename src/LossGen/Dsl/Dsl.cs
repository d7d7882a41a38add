using System;

namespace LossGen;

/// <summary>
/// The vocabulary of the LossGen DSL, meant for <c>using static LossGen.Dsl;</c>. These methods
/// are never executed: the generator compiles the declarations that use them.
/// </summary>
public static class Dsl
{
    internal static InvalidOperationException NotExecutable() =>
        new("LossGen DSL members describe a computation for the source generator and are never executed. " +
            "Call the generated Value/ValueAndGradient methods instead.");

    // ---- Reductions over index variables (ranges inferred from use) ----
    /// <summary><c>Σ_j body(j)</c>. Its index range is inferred from the dimensions the variable indexes. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Sum(Func<IndexVar, float> body) => throw NotExecutable();
    /// <summary><c>Σ_j Σ_k body(j, k)</c>. Their index ranges are inferred from the dimensions the variables index. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Sum(Func<IndexVar, IndexVar, float> body) => throw NotExecutable();
    /// <summary><c>Σ_j Σ_k Σ_l body(j, k, l)</c>. Their index ranges are inferred from the dimensions the variables index. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Sum(Func<IndexVar, IndexVar, IndexVar, float> body) => throw NotExecutable();
    /// <summary><c>(1/n) Σ_j body(j)</c>, n the size of j's range (the generated entry points require it ≥ 1). Its index range is inferred from the dimensions the variable indexes. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Mean(Func<IndexVar, float> body) => throw NotExecutable();
    /// <summary>The mean of <c>body(j, k)</c> over both ranges. Their index ranges are inferred from the dimensions the variables index. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Mean(Func<IndexVar, IndexVar, float> body) => throw NotExecutable();
    /// <summary>The mean of <c>body(j, k, l)</c> over all three ranges. Their index ranges are inferred from the dimensions the variables index. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Mean(Func<IndexVar, IndexVar, IndexVar, float> body) => throw NotExecutable();
    /// <summary><c>max_j body(j)</c>; at a tie the whole gradient goes to the first (lowest-index) maximal element. Its index range is inferred from the dimensions the variable indexes. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Max(Func<IndexVar, float> body) => throw NotExecutable();
    /// <summary><c>max_(j,k) body(j, k)</c>; at a tie the gradient goes to the first maximal element. Their index ranges are inferred from the dimensions the variables index. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Max(Func<IndexVar, IndexVar, float> body) => throw NotExecutable();
    /// <summary><c>min_j body(j)</c>; at a tie the whole gradient goes to the first (lowest-index) minimal element. Its index range is inferred from the dimensions the variable indexes. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Min(Func<IndexVar, float> body) => throw NotExecutable();
    /// <summary><c>min_(j,k) body(j, k)</c>; at a tie the gradient goes to the first minimal element. Their index ranges are inferred from the dimensions the variables index. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Min(Func<IndexVar, IndexVar, float> body) => throw NotExecutable();
    /// <summary><c>log Σ exp(body)</c>, always evaluated max-shifted so it never overflows.</summary>
    public static float LogSumExp(Func<IndexVar, float> body) => throw NotExecutable();
    /// <summary><c>log Σ_j Σ_k exp(body(j, k))</c>, evaluated max-shifted so it never overflows. Their index ranges are inferred from the dimensions the variables index. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float LogSumExp(Func<IndexVar, IndexVar, float> body) => throw NotExecutable();

    // ---- Whole tensors (numpy style) ----
    // A reduction of a whole tensor: over every element (a number), or along one axis (a tensor
    // with that axis dropped, or kept as size 1 with keepDims so it broadcasts against the input).
    // Axes count from 0, negative ones from the end, as in numpy; they must be constants.

    /// <summary>The sum of every element of <paramref name="x"/>. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Sum(Tensor x) => throw NotExecutable();
    /// <summary>The sum along <paramref name="axis"/> (a constant; negative counts from the end, as in numpy): the result drops that axis, or keeps it as size 1 when <paramref name="keepDims"/> is true so it broadcasts against <paramref name="x"/>. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static Tensor Sum(Tensor x, int axis, bool keepDims = false) => throw NotExecutable();
    /// <summary>The mean of every element of <paramref name="x"/>. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Mean(Tensor x) => throw NotExecutable();
    /// <summary>The mean along <paramref name="axis"/> (a constant; negative counts from the end, as in numpy): the result drops that axis, or keeps it as size 1 when <paramref name="keepDims"/> is true so it broadcasts against <paramref name="x"/>. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static Tensor Mean(Tensor x, int axis, bool keepDims = false) => throw NotExecutable();
    /// <summary>The largest element of <paramref name="x"/> (numpy's <c>max(x)</c>). Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Max(Tensor x) => throw NotExecutable();
    /// <summary>The maximum along <paramref name="axis"/> (a constant; negative counts from the end, as in numpy): the result drops that axis, or keeps it as size 1 when <paramref name="keepDims"/> is true so it broadcasts against <paramref name="x"/>. A reduction, never an elementwise maximum. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static Tensor Max(Tensor x, int axis, bool keepDims = false) => throw NotExecutable();
    /// <summary>The smallest element of <paramref name="x"/> (numpy's <c>min(x)</c>). Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Min(Tensor x) => throw NotExecutable();
    /// <summary>The minimum along <paramref name="axis"/> (a constant; negative counts from the end, as in numpy): the result drops that axis, or keeps it as size 1 when <paramref name="keepDims"/> is true so it broadcasts against <paramref name="x"/>. A reduction, never an elementwise minimum. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static Tensor Min(Tensor x, int axis, bool keepDims = false) => throw NotExecutable();
    /// <summary><c>log Σ exp(x)</c> over every element, evaluated max-shifted. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float LogSumExp(Tensor x) => throw NotExecutable();
    /// <summary><c>log Σ exp</c> along <paramref name="axis"/> (a constant; negative counts from the end, as in numpy): the result drops that axis, or keeps it as size 1 when <paramref name="keepDims"/> is true so it broadcasts against <paramref name="x"/>. Evaluated max-shifted. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static Tensor LogSumExp(Tensor x, int axis, bool keepDims = false) => throw NotExecutable();

    /// <summary>The axes reversed, as numpy's <c>.T</c> (also written <c>x.T</c>).</summary>
    public static Tensor Transpose(Tensor x) => throw NotExecutable();

    /// <summary>The matrix product of an [N, K] and a [K, M] tensor, [N, M] (numpy's <c>@</c>).</summary>
    public static Tensor MatMul(Tensor a, Tensor b) => throw NotExecutable();

    // Elementwise functions of a whole tensor.
    /// <summary>Elementwise <c>e^x</c>. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static Tensor Exp(Tensor x) => throw NotExecutable();
    /// <summary>Elementwise natural logarithm. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static Tensor Log(Tensor x) => throw NotExecutable();
    /// <summary>Elementwise square root (its derivative at 0 is +∞). Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static Tensor Sqrt(Tensor x) => throw NotExecutable();
    /// <summary>Elementwise square, <c>x·x</c>. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static Tensor Sqr(Tensor x) => throw NotExecutable();
    /// <summary>Elementwise <c>x^p</c>, <paramref name="p"/> a constant (small integers become products) or a scalar hyper-parameter (then for x ≥ 0; see docs/subgradients.md). Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static Tensor Pow(Tensor x, float p) => throw NotExecutable();
    /// <summary>Elementwise |x| (derivative 0 at 0). Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static Tensor Abs(Tensor x) => throw NotExecutable();
    /// <summary>Elementwise <c>max(x, 0)</c> (derivative 0 at 0). Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static Tensor Relu(Tensor x) => throw NotExecutable();
    /// <summary>Elementwise <c>1 / (1 + e^−x)</c>. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static Tensor Sigmoid(Tensor x) => throw NotExecutable();
    /// <summary>Elementwise <c>log(1 + e^x)</c>, stable for large |x|. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static Tensor Softplus(Tensor x) => throw NotExecutable();
    /// <summary>Elementwise hyperbolic tangent. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static Tensor Tanh(Tensor x) => throw NotExecutable();

    // ---- Pointwise math ----
    /// <summary><c>e^x</c>. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Exp(float x) => throw NotExecutable();
    /// <summary>The natural logarithm <c>ln x</c>. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Log(float x) => throw NotExecutable();
    /// <summary><c>√x</c> (its derivative at 0 is +∞: add an ε to avoid it). Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Sqrt(float x) => throw NotExecutable();
    /// <summary><c>x²</c>. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Sqr(float x) => throw NotExecutable();
    /// <summary><c>x^p</c>, <paramref name="p"/> a constant (small integers become products) or a scalar hyper-parameter (then for x ≥ 0; see docs/subgradients.md). Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Pow(float x, float p) => throw NotExecutable();
    /// <summary><c>|x|</c>; its derivative at 0 is taken as 0. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Abs(float x) => throw NotExecutable();
    /// <summary>-1, 0 or +1 (0 at ±0); used by sign-based rules such as Lion.</summary>
    public static float Sign(float x) => throw NotExecutable();
    /// <summary>The larger of <paramref name="a"/> and <paramref name="b"/>; at a == b the gradient goes to <paramref name="a"/> (so <c>Max(0, m)</c> has slope 0 in m at 0). Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Max(float a, float b) => throw NotExecutable();
    /// <summary>The smaller of <paramref name="a"/> and <paramref name="b"/>; at a == b the gradient goes to <paramref name="a"/>. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Min(float a, float b) => throw NotExecutable();
    /// <summary><c>max(x, 0)</c>; its derivative at 0 is taken as 0. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Relu(float x) => throw NotExecutable();
    /// <summary><c>1 / (1 + e^−x)</c>. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Sigmoid(float x) => throw NotExecutable();
    /// <summary><c>log(1 + e^x)</c>, stable for large |x|. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Softplus(float x) => throw NotExecutable();
    /// <summary>The hyperbolic tangent. Only meaningful inside a [Loss], [Regularizer] or [Optimizer] <c>Define</c> body; never executed.</summary>
    public static float Tanh(float x) => throw NotExecutable();
}
