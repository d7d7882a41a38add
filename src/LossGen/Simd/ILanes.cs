using System;

namespace LossGen.Simd;

/// <summary>How a lane's index compares with a value, for <see cref="ILanes{TSelf, T}.IndexMask"/>.</summary>
public enum IndexComparison { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

/// <summary>
/// A fixed number of lanes of <typeparamref name="T"/> (float or double) with the operations
/// generated kernels need. Generated code is written once, generic over the lane type, and the
/// JIT specialises it for <c>Vector512</c>, <c>Vector256</c>, <c>Vector128</c> or a single scalar
/// lane, chosen at run time by what the hardware accelerates.
/// </summary>
/// <remarks>
/// Masks are lane values whose bits are all ones (true) or all zeros (false), as produced by the
/// comparison members and consumed by <see cref="Select"/>.
/// Memory members do not check bounds: generated code validates every span length before its
/// first load. The partial members touch only lanes <c>[0, count)</c> of memory; their other lanes
/// read as zero.
/// </remarks>
public interface ILanes<TSelf, T>
    where TSelf : struct, ILanes<TSelf, T>
    where T : unmanaged
{
    /// <summary>The number of lanes.</summary>
    static abstract int Count { get; }

    /// <summary>Whether this width is accelerated on the running hardware.</summary>
    static abstract bool IsHardwareAccelerated { get; }

    static abstract TSelf Zero { get; }
    static abstract TSelf One { get; }

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TSelf Splat(T value);

    // ---- memory ----
    static abstract TSelf Load(ReadOnlySpan<T> source, int offset);
    static abstract TSelf LoadPartial(ReadOnlySpan<T> source, int offset, int count);
    static abstract void Store(Span<T> destination, int offset, TSelf value);
    static abstract void StorePartial(Span<T> destination, int offset, int count, TSelf value);
    /// <summary><c>destination[offset + k] += value[k]</c> for every lane.</summary>
    static abstract void AddTo(Span<T> destination, int offset, TSelf value);
    static abstract void AddToPartial(Span<T> destination, int offset, int count, TSelf value);

    // ---- arithmetic ----
    static abstract TSelf operator +(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a, TSelf b);
    static abstract TSelf operator *(TSelf a, TSelf b);
    static abstract TSelf operator /(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a);
    /// <summary><c>a * b + c</c>, fused where the hardware has it.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    // ---- pointwise math ----
    static abstract TSelf Max(TSelf a, TSelf b);
    static abstract TSelf Min(TSelf a, TSelf b);
    static abstract TSelf Abs(TSelf x);
    /// <summary>-1, 0 or +1 (0 at ±0; NaN stays NaN).</summary>
    static abstract TSelf Sign(TSelf x);
    static abstract TSelf Sqrt(TSelf x);
    static abstract TSelf Exp(TSelf x);
    static abstract TSelf Log(TSelf x);
    static abstract TSelf Tanh(TSelf x);
    static abstract TSelf Sigmoid(TSelf x);
    /// <summary><c>log(1 + e^x)</c>, stable for large |x|.</summary>
    static abstract TSelf Softplus(TSelf x);

    // ---- masks ----
    static abstract TSelf Equal(TSelf a, TSelf b);
    static abstract TSelf NotEqual(TSelf a, TSelf b);
    static abstract TSelf LessThan(TSelf a, TSelf b);
    static abstract TSelf LessThanOrEqual(TSelf a, TSelf b);
    static abstract TSelf GreaterThan(TSelf a, TSelf b);
    static abstract TSelf GreaterThanOrEqual(TSelf a, TSelf b);
    static abstract TSelf And(TSelf maskA, TSelf maskB);
    static abstract TSelf Or(TSelf maskA, TSelf maskB);
    static abstract TSelf Not(TSelf mask);
    /// <summary>Per lane: the mask set where <c>(start + lane) op value</c>.</summary>
    static abstract TSelf IndexMask(int start, IndexComparison op, int value);
    /// <summary>The mask with lanes <c>[0, count)</c> set.</summary>
    static abstract TSelf FirstLanes(int count);
    /// <summary>Per lane: <paramref name="mask"/> ? <paramref name="ifTrue"/> : <paramref name="ifFalse"/>.</summary>
    static abstract TSelf Select(TSelf mask, TSelf ifTrue, TSelf ifFalse);

    // ---- horizontal ----
    static abstract T Sum(TSelf x);
    static abstract T MaxAcross(TSelf x);
    static abstract T MinAcross(TSelf x);

    // ---- lane indices (arg-max / arg-min) ----
    // A Max/Min reduction whose gradient needs the selected element keeps, next to its running
    // extremes, the index where each lane reached its extreme. Such index lanes hold integers in
    // the lanes' bits (an int per float lane, a long per double lane, so every int index is
    // exact), not T values: only Select moves them, and only FirstIndexOfMax/Min read them.

    /// <summary>Index lanes holding <c>start + lane</c> (Zero holds index 0 in every lane).</summary>
    static abstract TSelf Indices(int start);

    /// <summary>
    /// Where the largest of <paramref name="extremes"/> is first reached: the smallest of the index
    /// lanes <paramref name="indices"/> among the lanes holding that largest value (−0 and +0 equal).
    /// Unspecified when a lane is NaN.
    /// </summary>
    static abstract int FirstIndexOfMax(TSelf extremes, TSelf indices);

    /// <summary>As <see cref="FirstIndexOfMax"/>, for the smallest value.</summary>
    static abstract int FirstIndexOfMin(TSelf extremes, TSelf indices);
}
