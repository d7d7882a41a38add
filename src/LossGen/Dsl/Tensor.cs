using System;

namespace LossGen;

/// <summary>
/// A tensor parameter of a DSL declaration. It exists only so a declaration type-checks as
/// ordinary C#: the generator reads the declaration, and nothing here is ever executed.
/// Elements are accessed by index variables, <c>W[k, j]</c>, or by labels, <c>s[i, y[i]]</c>.
/// </summary>
public readonly struct Tensor
{
    /// <summary>The element at <paramref name="i"/> of a vector (or a label, <c>v[y[i]]</c>). Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public float this[IndexVar i] => throw Dsl.NotExecutable();
    /// <summary>The element at row <paramref name="i"/>, column <paramref name="j"/> of a matrix; either index may be a label, <c>s[i, y[i]]</c>. Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public float this[IndexVar i, IndexVar j] => throw Dsl.NotExecutable();
    /// <summary>The element at <c>[i, j, k]</c> of a rank-3 tensor (row-major). Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public float this[IndexVar i, IndexVar j, IndexVar k] => throw Dsl.NotExecutable();
    /// <summary>The element at <c>[i, j, k, l]</c> of a rank-4 tensor (row-major). Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public float this[IndexVar i, IndexVar j, IndexVar k, IndexVar l] => throw Dsl.NotExecutable();

    // ---- Whole-tensor (numpy-style) operators: elementwise, with numpy broadcasting ----
    // Shapes are aligned on the right; a dimension of size 1 (a [Shape] entry "1", or an axis kept
    // by keepDims) stretches to the other operand's. The generator checks this at compile time.

    /// <summary>Elementwise sum, with numpy broadcasting (shapes aligned on the right; a size-1 axis stretches). Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => throw Dsl.NotExecutable();
    /// <summary>Elementwise difference, with numpy broadcasting (shapes aligned on the right; a size-1 axis stretches). Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => throw Dsl.NotExecutable();
    /// <summary>Elementwise product, as numpy's <c>*</c>; the matrix product is <see cref="Dsl.MatMul"/>.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => throw Dsl.NotExecutable();
    /// <summary>Elementwise quotient, with numpy broadcasting (shapes aligned on the right; a size-1 axis stretches). Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => throw Dsl.NotExecutable();
    /// <summary><paramref name="b"/> added to every element. Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public static Tensor operator +(Tensor a, float b) => throw Dsl.NotExecutable();
    /// <summary><paramref name="b"/> subtracted from every element. Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public static Tensor operator -(Tensor a, float b) => throw Dsl.NotExecutable();
    /// <summary>Every element multiplied by <paramref name="b"/>. Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public static Tensor operator *(Tensor a, float b) => throw Dsl.NotExecutable();
    /// <summary>Every element divided by <paramref name="b"/>. Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public static Tensor operator /(Tensor a, float b) => throw Dsl.NotExecutable();
    /// <summary><paramref name="a"/> added to every element. Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public static Tensor operator +(float a, Tensor b) => throw Dsl.NotExecutable();
    /// <summary><paramref name="a"/> minus each element. Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public static Tensor operator -(float a, Tensor b) => throw Dsl.NotExecutable();
    /// <summary>Every element multiplied by <paramref name="a"/>. Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public static Tensor operator *(float a, Tensor b) => throw Dsl.NotExecutable();
    /// <summary><paramref name="a"/> divided by each element. Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public static Tensor operator /(float a, Tensor b) => throw Dsl.NotExecutable();
    /// <summary>Elementwise negation. Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
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
    /// <summary>The label of row <paramref name="i"/>, usable as an index into the class dimension (range-checked to <c>[0, C)</c> at run time). Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public IndexVar this[IndexVar i] => throw Dsl.NotExecutable();
    /// <summary>The label at <c>[i, j]</c> of a two-dimensional label tensor, usable as an index (range-checked at run time). Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public IndexVar this[IndexVar i, IndexVar j] => throw Dsl.NotExecutable();
}

/// <summary>
/// An index variable. Its range is inferred from the tensor dimensions it indexes. Index
/// variables can be compared with each other and with labels, for the conditional operator.
/// </summary>
public readonly struct IndexVar : IEquatable<IndexVar>
{
    /// <summary>Whether the two indices are equal, for a conditional (<c>j == y[i] ? … : …</c>); comparing with labels binds the labels' class dimension to the variable's. Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public static bool operator ==(IndexVar a, IndexVar b) => throw Dsl.NotExecutable();
    /// <summary>Whether the two indices differ, for a conditional. Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public static bool operator !=(IndexVar a, IndexVar b) => throw Dsl.NotExecutable();
    /// <summary>Whether <paramref name="a"/> is less than <paramref name="b"/>, for a conditional. Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public static bool operator <(IndexVar a, IndexVar b) => throw Dsl.NotExecutable();
    /// <summary>Whether <paramref name="a"/> is at most <paramref name="b"/>, for a conditional. Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public static bool operator <=(IndexVar a, IndexVar b) => throw Dsl.NotExecutable();
    /// <summary>Whether <paramref name="a"/> is greater than <paramref name="b"/>, for a conditional. Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public static bool operator >(IndexVar a, IndexVar b) => throw Dsl.NotExecutable();
    /// <summary>Whether <paramref name="a"/> is at least <paramref name="b"/>, for a conditional. Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
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

    /// <summary>Present only because <c>==</c> is defined; index variables have no run-time value, so this always throws.</summary>
    public bool Equals(IndexVar other) => throw Dsl.NotExecutable();
    /// <summary>Present only because <c>==</c> is defined; always throws.</summary>
    public override bool Equals(object? obj) => throw Dsl.NotExecutable();
    /// <summary>Present only because <c>==</c> is defined; always throws.</summary>
    public override int GetHashCode() => throw Dsl.NotExecutable();
}

/// <summary>The optimizer step counter <c>t</c> (1 on the first step).</summary>
public readonly struct Step
{
    /// <summary>The step number as a number, for bias corrections such as <c>1 - Pow(beta1, t)</c>. Only meaningful inside a DSL <c>Define</c> body; never executed.</summary>
    public static implicit operator float(Step t) => throw Dsl.NotExecutable();
}
