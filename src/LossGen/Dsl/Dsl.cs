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
    public static float Sum(Func<IndexVar, float> body) => throw NotExecutable();
    public static float Sum(Func<IndexVar, IndexVar, float> body) => throw NotExecutable();
    public static float Sum(Func<IndexVar, IndexVar, IndexVar, float> body) => throw NotExecutable();
    public static float Mean(Func<IndexVar, float> body) => throw NotExecutable();
    public static float Mean(Func<IndexVar, IndexVar, float> body) => throw NotExecutable();
    public static float Mean(Func<IndexVar, IndexVar, IndexVar, float> body) => throw NotExecutable();
    public static float Max(Func<IndexVar, float> body) => throw NotExecutable();
    public static float Max(Func<IndexVar, IndexVar, float> body) => throw NotExecutable();
    public static float Min(Func<IndexVar, float> body) => throw NotExecutable();
    public static float Min(Func<IndexVar, IndexVar, float> body) => throw NotExecutable();
    /// <summary><c>log Σ exp(body)</c>, always evaluated max-shifted so it never overflows.</summary>
    public static float LogSumExp(Func<IndexVar, float> body) => throw NotExecutable();
    public static float LogSumExp(Func<IndexVar, IndexVar, float> body) => throw NotExecutable();

    // ---- Whole tensors (numpy style) ----
    // A reduction of a whole tensor: over every element (a number), or along one axis (a tensor
    // with that axis dropped, or kept as size 1 with keepDims so it broadcasts against the input).
    // Axes count from 0, negative ones from the end, as in numpy; they must be constants.

    public static float Sum(Tensor x) => throw NotExecutable();
    public static Tensor Sum(Tensor x, int axis, bool keepDims = false) => throw NotExecutable();
    public static float Mean(Tensor x) => throw NotExecutable();
    public static Tensor Mean(Tensor x, int axis, bool keepDims = false) => throw NotExecutable();
    public static float Max(Tensor x) => throw NotExecutable();
    public static Tensor Max(Tensor x, int axis, bool keepDims = false) => throw NotExecutable();
    public static float Min(Tensor x) => throw NotExecutable();
    public static Tensor Min(Tensor x, int axis, bool keepDims = false) => throw NotExecutable();
    public static float LogSumExp(Tensor x) => throw NotExecutable();
    public static Tensor LogSumExp(Tensor x, int axis, bool keepDims = false) => throw NotExecutable();

    /// <summary>The axes reversed, as numpy's <c>.T</c> (also written <c>x.T</c>).</summary>
    public static Tensor Transpose(Tensor x) => throw NotExecutable();

    /// <summary>The matrix product of an [N, K] and a [K, M] tensor, [N, M] (numpy's <c>@</c>).</summary>
    public static Tensor MatMul(Tensor a, Tensor b) => throw NotExecutable();

    // Elementwise functions of a whole tensor.
    public static Tensor Exp(Tensor x) => throw NotExecutable();
    public static Tensor Log(Tensor x) => throw NotExecutable();
    public static Tensor Sqrt(Tensor x) => throw NotExecutable();
    public static Tensor Sqr(Tensor x) => throw NotExecutable();
    public static Tensor Pow(Tensor x, float p) => throw NotExecutable();
    public static Tensor Abs(Tensor x) => throw NotExecutable();
    public static Tensor Relu(Tensor x) => throw NotExecutable();
    public static Tensor Sigmoid(Tensor x) => throw NotExecutable();
    public static Tensor Softplus(Tensor x) => throw NotExecutable();
    public static Tensor Tanh(Tensor x) => throw NotExecutable();

    // ---- Pointwise math ----
    public static float Exp(float x) => throw NotExecutable();
    public static float Log(float x) => throw NotExecutable();
    public static float Sqrt(float x) => throw NotExecutable();
    public static float Sqr(float x) => throw NotExecutable();
    /// <summary><c>x^p</c>; the exponent must be a constant.</summary>
    public static float Pow(float x, float p) => throw NotExecutable();
    public static float Abs(float x) => throw NotExecutable();
    /// <summary>-1, 0 or +1 (0 at ±0); used by sign-based rules such as Lion.</summary>
    public static float Sign(float x) => throw NotExecutable();
    public static float Max(float a, float b) => throw NotExecutable();
    public static float Min(float a, float b) => throw NotExecutable();
    public static float Relu(float x) => throw NotExecutable();
    public static float Sigmoid(float x) => throw NotExecutable();
    public static float Softplus(float x) => throw NotExecutable();
    public static float Tanh(float x) => throw NotExecutable();
}
