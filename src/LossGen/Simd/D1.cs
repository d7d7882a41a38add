using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LossGen.CompilerServices;

/// <summary>
/// One double lane: the fallback when no vector width is accelerated, and the reference the vector
/// lane types are tested against. Math goes through <see cref="Math"/> and <see cref="Scalar"/>.
/// </summary>
/// <remarks>Masks follow the vector convention: all 64 bits set (a NaN pattern) or all clear.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct D1 : ILanes<D1, double>
{
    /// <summary>The lane.</summary>
    public readonly double Value;

    /// <summary>A lane holding <paramref name="value"/>.</summary>
    /// <param name="value">The lane's value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public D1(double value) => Value = value;

    private static D1 AllBits
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(BitConverter.Int64BitsToDouble(-1L));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static D1 Mask(bool set) => set ? AllBits : default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Bits(D1 x) => BitConverter.DoubleToInt64Bits(x.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static D1 FromBits(long bits) => new(BitConverter.Int64BitsToDouble(bits));

    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 1;
    }

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => true;
    }

    /// <inheritdoc/>
    public static D1 Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => default;
    }

    /// <inheritdoc/>
    public static D1 One
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(1.0);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 Splat(double value) => new(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Narrow(double value) => value;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Widen(double value) => value;

    // ---- memory ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 Load(ReadOnlySpan<double> source, int offset)
    {
        Debug.Assert(offset >= 0 && offset < source.Length);
        return new(Unsafe.Add(ref MemoryMarshal.GetReference(source), (nint)offset));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 LoadPartial(ReadOnlySpan<double> source, int offset, int count)
    {
        Debug.Assert(offset >= 0 && count >= 0 && count <= 1 && source.Length - offset >= count);
        return count > 0 ? Load(source, offset) : default;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Span<double> destination, int offset, D1 value)
    {
        Debug.Assert(offset >= 0 && offset < destination.Length);
        Unsafe.Add(ref MemoryMarshal.GetReference(destination), (nint)offset) = value.Value;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePartial(Span<double> destination, int offset, int count, D1 value)
    {
        Debug.Assert(offset >= 0 && count >= 0 && count <= 1 && destination.Length - offset >= count);
        if (count > 0)
        {
            Store(destination, offset, value);
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddTo(Span<double> destination, int offset, D1 value)
    {
        Debug.Assert(offset >= 0 && offset < destination.Length);
        Unsafe.Add(ref MemoryMarshal.GetReference(destination), (nint)offset) += value.Value;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddToPartial(Span<double> destination, int offset, int count, D1 value)
    {
        Debug.Assert(offset >= 0 && count >= 0 && count <= 1 && destination.Length - offset >= count);
        if (count > 0)
        {
            AddTo(destination, offset, value);
        }
    }

    // ---- arithmetic ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 operator +(D1 a, D1 b) => new(a.Value + b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 operator -(D1 a, D1 b) => new(a.Value - b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 operator *(D1 a, D1 b) => new(a.Value * b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 operator /(D1 a, D1 b) => new(a.Value / b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 operator -(D1 a) => new(-a.Value);

    /// <summary>Fused on FMA hardware, a separate multiply and add elsewhere (never a slow software fma).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 MultiplyAdd(D1 a, D1 b, D1 c) => new(double.MultiplyAddEstimate(a.Value, b.Value, c.Value));

    // ---- pointwise math ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 Max(D1 a, D1 b) => new(Math.Max(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 Min(D1 a, D1 b) => new(Math.Min(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 Abs(D1 x) => new(Math.Abs(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 Sign(D1 x) => new(Scalar.Sign(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 Sqrt(D1 x) => new(Math.Sqrt(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 Exp(D1 x) => new(Math.Exp(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 Log(D1 x) => new(Math.Log(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 Tanh(D1 x) => new(Math.Tanh(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 Sigmoid(D1 x) => new(Scalar.Sigmoid(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 Softplus(D1 x) => new(Scalar.Softplus(x.Value));

    // ---- masks ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 Equal(D1 a, D1 b) => Mask(a.Value == b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 NotEqual(D1 a, D1 b) => Mask(a.Value != b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 LessThan(D1 a, D1 b) => Mask(a.Value < b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 LessThanOrEqual(D1 a, D1 b) => Mask(a.Value <= b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 GreaterThan(D1 a, D1 b) => Mask(a.Value > b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 GreaterThanOrEqual(D1 a, D1 b) => Mask(a.Value >= b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 And(D1 maskA, D1 maskB) => FromBits(Bits(maskA) & Bits(maskB));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 Or(D1 maskA, D1 maskB) => FromBits(Bits(maskA) | Bits(maskB));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 Not(D1 mask) => FromBits(~Bits(mask));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 IndexMask(int start, IndexComparison op, int value) => Mask(op switch
    {
        IndexComparison.Equal => start == value,
        IndexComparison.NotEqual => start != value,
        IndexComparison.Less => start < value,
        IndexComparison.LessOrEqual => start <= value,
        IndexComparison.Greater => start > value,
        IndexComparison.GreaterOrEqual => start >= value,
        _ => LaneThrow.UnknownComparison<bool>(op),
    });

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 FirstLanes(int count) => Mask(count > 0);

    /// <summary>Bitwise, like the vector ConditionalSelect, so it agrees with them on any mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 Select(D1 mask, D1 ifTrue, D1 ifFalse) =>
        FromBits((Bits(mask) & Bits(ifTrue)) | (~Bits(mask) & Bits(ifFalse)));

    // ---- horizontal ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(D1 x) => x.Value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MaxAcross(D1 x) => x.Value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MinAcross(D1 x) => x.Value;

    // ---- lane indices ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 Indices(int start) => FromBits(start);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 IndexSplat(int index) => FromBits(index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D1 IndexEqual(D1 indices, int index) => Mask(Bits(indices) == index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstIndexOfMax(D1 extremes, D1 indices) => (int)Bits(indices);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstIndexOfMin(D1 extremes, D1 indices) => (int)Bits(indices);
}
