using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LossGen.CompilerServices;

/// <summary>
/// Consecutive labels (the usual <c>y[i]</c> of a rows-across-lanes block) as one integer vector:
/// loaded, and compared with a class index. Every wide lane type builds its label masks and the
/// gather indices of its labeled loads from these, in registers: the lane-by-lane defaults assemble
/// a vector through memory, a store-forwarding stall per use (F256's SVM block at C = 10 ran 4×
/// slower than F512's with them).
/// </summary>
internal static class LabelLanes
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Load128(ReadOnlySpan<int> labels, int offset) =>
        Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(labels), (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Load256(ReadOnlySpan<int> labels, int offset) =>
        Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(labels), (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> Load512(ReadOnlySpan<int> labels, int offset) =>
        Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(labels), (nuint)offset);

    /// <summary>Two labels in the low lanes (the upper two are zero): the lane count of D128.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> LoadTwo(ReadOnlySpan<int> labels, int offset) =>
        Vector128.CreateScalar(Unsafe.ReadUnaligned<long>(ref Unsafe.As<int, byte>(ref Unsafe.Add(ref MemoryMarshal.GetReference(labels), (nint)offset)))).AsInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Compare(Vector128<int> label, IndexComparison op, int value)
    {
        Vector128<int> bound = Vector128.Create(value);
        return op switch
        {
            IndexComparison.Equal => Vector128.Equals(label, bound),
            IndexComparison.NotEqual => ~Vector128.Equals(label, bound),
            IndexComparison.Less => Vector128.LessThan(label, bound),
            IndexComparison.LessOrEqual => Vector128.LessThanOrEqual(label, bound),
            IndexComparison.Greater => Vector128.GreaterThan(label, bound),
            IndexComparison.GreaterOrEqual => Vector128.GreaterThanOrEqual(label, bound),
            _ => LaneThrow.UnknownComparison<Vector128<int>>(op),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Compare(Vector256<int> label, IndexComparison op, int value)
    {
        Vector256<int> bound = Vector256.Create(value);
        return op switch
        {
            IndexComparison.Equal => Vector256.Equals(label, bound),
            IndexComparison.NotEqual => ~Vector256.Equals(label, bound),
            IndexComparison.Less => Vector256.LessThan(label, bound),
            IndexComparison.LessOrEqual => Vector256.LessThanOrEqual(label, bound),
            IndexComparison.Greater => Vector256.GreaterThan(label, bound),
            IndexComparison.GreaterOrEqual => Vector256.GreaterThanOrEqual(label, bound),
            _ => LaneThrow.UnknownComparison<Vector256<int>>(op),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> Compare(Vector512<int> label, IndexComparison op, int value)
    {
        Vector512<int> bound = Vector512.Create(value);
        return op switch
        {
            IndexComparison.Equal => Vector512.Equals(label, bound),
            IndexComparison.NotEqual => ~Vector512.Equals(label, bound),
            IndexComparison.Less => Vector512.LessThan(label, bound),
            IndexComparison.LessOrEqual => Vector512.LessThanOrEqual(label, bound),
            IndexComparison.Greater => Vector512.GreaterThan(label, bound),
            IndexComparison.GreaterOrEqual => Vector512.GreaterThanOrEqual(label, bound),
            _ => LaneThrow.UnknownComparison<Vector512<int>>(op),
        };
    }

    /// <summary>An all-ones/zero int mask as long lanes (sign extension keeps all-ones all-ones): the masks of double lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<long> Widen(Vector128<int> mask) => Vector128.WidenLower(mask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<long> Widen256(Vector128<int> mask) => Vector256.Create(Vector128.WidenLower(mask), Vector128.WidenUpper(mask));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<long> Widen512(Vector256<int> mask) => Vector512.Create(Vector256.WidenLower(mask), Vector256.WidenUpper(mask));
}
