using LossGen.CompilerServices;

namespace LossGen.Optimization;

/// <summary>
/// The gradient of an element-wise penalty <c>λ·R(w) = λ·Σ_p f(w[p])</c>, which at each element reads
/// only that element: <c>λ·f′(w[p])</c>. Every element-wise <c>[Regularizer]</c> gets a generated
/// <c>Penalty</c> struct implementing it (for example <c>new LossGen.Builtins.L2.Penalty(1e-4)</c>), and
/// every generated optimizer has a <c>Step&lt;TRegularizer&gt;(…, in TRegularizer regularizer, …)</c>
/// that adds <see cref="Gradient{V}(V, in PenaltyLanes{V})"/> to the gradient inside its single
/// pass: weights, gradients and state are still read once and written once per element.
/// </summary>
/// <remarks>
/// Implement it on a struct: the JIT compiles the optimizer's kernel once per struct type and
/// inlines both lane methods. The kernel calls <see cref="Broadcast{V}"/> once, before its loop,
/// and passes the result to every <see cref="Gradient{V}(V, in PenaltyLanes{V})"/>, so the
/// penalty's constants are broadcast once per step and stay in registers (a broadcast inside the
/// lanes Gradient would not be hoisted out of the loop by the JIT).
/// </remarks>
/// <typeparam name="T">float or double: the element type of the optimizer step.</typeparam>
public interface IElementwiseRegularizer<T>
    where T : unmanaged
{
    /// <summary>Throws <see cref="System.ArgumentException"/> naming the parameter when λ is negative or not finite, or a hyper-parameter is NaN or ±∞.</summary>
    void Validate();

    /// <summary><c>λ·f′(w)</c> for one element.</summary>
    T Gradient(T w);

    /// <summary>The penalty's per-step constants (λ and what it multiplies) in every lane, for <see cref="Gradient{V}(V, in PenaltyLanes{V})"/>.</summary>
    PenaltyLanes<V> Broadcast<V>() where V : struct, ILanes<V, T>;

    /// <summary><c>λ·f′(w)</c> in every lane, given the constants <see cref="Broadcast{V}"/> returned.</summary>
    V Gradient<V>(V w, in PenaltyLanes<V> constants) where V : struct, ILanes<V, T>;
}

/// <summary>
/// Up to four per-step constants of a penalty, broadcast to lanes once before an optimizer's loop
/// (a generated penalty with more than four computes the rest inside its lanes Gradient).
/// </summary>
public struct PenaltyLanes<V>
    where V : struct
{
    /// <summary>The first constant; what each slot holds is up to the penalty (ElasticNet puts λ here, L2 a multiple of λ).</summary>
    public V C0;
    /// <summary>The second constant, if the penalty uses one.</summary>
    public V C1;
    /// <summary>The third constant, if the penalty uses one.</summary>
    public V C2;
    /// <summary>The fourth constant, if the penalty uses one.</summary>
    public V C3;

    /// <summary>How many constants a <see cref="PenaltyLanes{V}"/> holds.</summary>
    public const int Capacity = 4;
}
