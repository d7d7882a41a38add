using LossGen.Simd;

namespace LossGen.Optimization;

/// <summary>
/// The gradient of an element-wise penalty <c>λ·R(w) = λ·Σ_p f(w[p])</c>, which at each element reads
/// only that element: <c>λ·f′(w[p])</c>. Every element-wise <c>[Regularizer]</c> gets a generated
/// <c>Penalty</c> struct implementing it (for example <c>new LossGen.Builtins.L2.Penalty(1e-4)</c>), and
/// every generated optimizer has a <c>Step&lt;TRegularizer&gt;(…, in TRegularizer regularizer, …)</c>
/// that adds <see cref="Gradient{V}(V)"/> to the gradient inside its single pass: weights, gradients
/// and state are still read once and written once per element.
/// </summary>
/// <remarks>
/// Implement it on a struct: the JIT compiles the optimizer's kernel once per struct type and
/// inlines the lanes <see cref="Gradient{V}(V)"/> into the loop, so there is no call per element.
/// </remarks>
/// <typeparam name="T">float or double: the element type of the optimizer step.</typeparam>
public interface IElementwiseRegularizer<T>
    where T : unmanaged
{
    /// <summary>Throws <see cref="System.ArgumentException"/> naming the parameter when λ is negative or not finite, or a hyper-parameter is NaN.</summary>
    void Validate();

    /// <summary><c>λ·f′(w)</c> for one element.</summary>
    T Gradient(T w);

    /// <summary><c>λ·f′(w)</c> in every lane.</summary>
    V Gradient<V>(V w) where V : struct, ILanes<V, T>;
}
