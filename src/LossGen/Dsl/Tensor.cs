using System;

namespace LossGen;

/// <summary>
/// A tensor parameter of a DSL declaration. It exists only so a declaration type-checks as
/// ordinary C#: the generator reads the declaration, and nothing here is ever executed.
/// Elements are accessed by index variables, <c>W[k, j]</c>, or by labels, <c>s[i, y[i]]</c>.
/// </summary>
public readonly struct Tensor
{
    public float this[IndexVar i] => throw Dsl.NotExecutable();
    public float this[IndexVar i, IndexVar j] => throw Dsl.NotExecutable();
    public float this[IndexVar i, IndexVar j, IndexVar k] => throw Dsl.NotExecutable();
    public float this[IndexVar i, IndexVar j, IndexVar k, IndexVar l] => throw Dsl.NotExecutable();

    // ---- Whole-tensor (numpy-style) operators: elementwise, with numpy broadcasting ----
    // Shapes are aligned on the right; a dimension of size 1 (a [Shape] entry "1", or an axis kept
    // by keepDims) stretches to the other operand's. The generator checks this at compile time.

    public static Tensor operator +(Tensor a, Tensor b) => throw Dsl.NotExecutable();
    public static Tensor operator -(Tensor a, Tensor b) => throw Dsl.NotExecutable();
    /// <summary>Elementwise product, as numpy's <c>*</c>; the matrix product is <see cref="Dsl.MatMul"/>.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => throw Dsl.NotExecutable();
    public static Tensor operator /(Tensor a, Tensor b) => throw Dsl.NotExecutable();
    public static Tensor operator +(Tensor a, float b) => throw Dsl.NotExecutable();
    public static Tensor operator -(Tensor a, float b) => throw Dsl.NotExecutable();
    public static Tensor operator *(Tensor a, float b) => throw Dsl.NotExecutable();
    public static Tensor operator /(Tensor a, float b) => throw Dsl.NotExecutable();
    public static Tensor operator +(float a, Tensor b) => throw Dsl.NotExecutable();
    public static Tensor operator -(float a, Tensor b) => throw Dsl.NotExecutable();
    public static Tensor operator *(float a, Tensor b) => throw Dsl.NotExecutable();
    public static Tensor operator /(float a, Tensor b) => throw Dsl.NotExecutable();
    public static Tensor operator -(Tensor a) => throw Dsl.NotExecutable();

    /// <summary>numpy's <c>.T</c>: the axes reversed (a matrix transposed; a vector unchanged).</summary>
    public Tensor T => throw Dsl.NotExecutable();

    /// <summary>
    /// A local, named comprehension: <c>var s = Tensor.Of((i, j) => Sum(k => X[i, k] * W[k, j]) + b[j]);</c>
    /// defines scores once so they can be used several times.
    /// </summary>
    public static Tensor Of(Func<IndexVar, float> element) => throw Dsl.NotExecutable();

    /// <inheritdoc cref="Of(Func{IndexVar, float})"/>
    public static Tensor Of(Func<IndexVar, IndexVar, float> element) => throw Dsl.NotExecutable();

    /// <inheritdoc cref="Of(Func{IndexVar, float})"/>
    public static Tensor Of(Func<IndexVar, IndexVar, IndexVar, float> element) => throw Dsl.NotExecutable();
}

/// <summary>
/// Integer class labels (a constant input). <c>y[i]</c> is an index into a class dimension and is
/// checked to lie in <c>[0, C)</c> at run time.
/// </summary>
public readonly struct Labels
{
    public IndexVar this[IndexVar i] => throw Dsl.NotExecutable();
    public IndexVar this[IndexVar i, IndexVar j] => throw Dsl.NotExecutable();
}

/// <summary>
/// An index variable. Its range is inferred from the tensor dimensions it indexes. Index
/// variables can be compared with each other and with labels, for the conditional operator.
/// </summary>
public readonly struct IndexVar : IEquatable<IndexVar>
{
    public static bool operator ==(IndexVar a, IndexVar b) => throw Dsl.NotExecutable();
    public static bool operator !=(IndexVar a, IndexVar b) => throw Dsl.NotExecutable();
    public static bool operator <(IndexVar a, IndexVar b) => throw Dsl.NotExecutable();
    public static bool operator <=(IndexVar a, IndexVar b) => throw Dsl.NotExecutable();
    public static bool operator >(IndexVar a, IndexVar b) => throw Dsl.NotExecutable();
    public static bool operator >=(IndexVar a, IndexVar b) => throw Dsl.NotExecutable();

    // Index arithmetic is not part of the DSL. These operators exist so that `x[i + 1]` type-checks
    // and the generator's LG0011 at the index is the one error the user gets (instead of C#'s
    // CS0019 beside it); they are never executed.

    /// <summary>Not supported in the DSL (LG0011): exists only so the error is reported at the index.</summary>
    public static IndexVar operator +(IndexVar i, int offset) => throw Dsl.NotExecutable();

    /// <summary>Not supported in the DSL (LG0011): exists only so the error is reported at the index.</summary>
    public static IndexVar operator +(int offset, IndexVar i) => throw Dsl.NotExecutable();

    /// <summary>Not supported in the DSL (LG0011): exists only so the error is reported at the index.</summary>
    public static IndexVar operator +(IndexVar i, IndexVar j) => throw Dsl.NotExecutable();

    /// <summary>Not supported in the DSL (LG0011): exists only so the error is reported at the index.</summary>
    public static IndexVar operator -(IndexVar i, int offset) => throw Dsl.NotExecutable();

    /// <summary>Not supported in the DSL (LG0011): exists only so the error is reported at the index.</summary>
    public static IndexVar operator -(IndexVar i, IndexVar j) => throw Dsl.NotExecutable();

    /// <summary>Not supported in the DSL (LG0011): exists only so the error is reported at the index.</summary>
    public static IndexVar operator *(int factor, IndexVar i) => throw Dsl.NotExecutable();

    /// <summary>Not supported in the DSL (LG0011): exists only so the error is reported at the index.</summary>
    public static IndexVar operator *(IndexVar i, int factor) => throw Dsl.NotExecutable();

    public bool Equals(IndexVar other) => throw Dsl.NotExecutable();
    public override bool Equals(object? obj) => throw Dsl.NotExecutable();
    public override int GetHashCode() => throw Dsl.NotExecutable();
}

/// <summary>The optimizer step counter <c>t</c> (1 on the first step).</summary>
public readonly struct Step
{
    public static implicit operator float(Step t) => throw Dsl.NotExecutable();
}
