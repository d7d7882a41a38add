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
