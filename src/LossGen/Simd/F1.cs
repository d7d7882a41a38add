using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LossGen.CompilerServices;

/// <summary>
/// One float lane: the fallback when no vector width is accelerated, and the reference the vector
/// lane types are tested against. Math goes through <see cref="MathF"/> and <see cref="Scalar"/>.
/// </summary>
/// <remarks>Masks follow the vector convention: all 32 bits set (a NaN pattern) or all clear.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct F1 : ILanes<F1, float>
{
    /// <summary>The lane.</summary>
    public readonly float Value;

    /// <summary>A lane holding <paramref name="value"/>.</summary>
    /// <param name="value">The lane's value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public F1(float value) => Value = value;

    private static F1 AllBits
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(BitConverter.Int32BitsToSingle(-1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static F1 Mask(bool set) => set ? AllBits : default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bits(F1 x) => BitConverter.SingleToInt32Bits(x.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static F1 FromBits(int bits) => new(BitConverter.Int32BitsToSingle(bits));

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
    public static F1 Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => default;
    }

    /// <inheritdoc/>
    public static F1 One
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(1f);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 Splat(float value) => new(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Narrow(double value) => (float)value;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Widen(float value) => value;

    // ---- memory ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 Load(ReadOnlySpan<float> source, int offset)
    {
        Debug.Assert(offset >= 0 && offset < source.Length);
        return new(Unsafe.Add(ref MemoryMarshal.GetReference(source), (nint)offset));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 LoadPartial(ReadOnlySpan<float> source, int offset, int count)
    {
        Debug.Assert(offset >= 0 && count >= 0 && count <= 1 && source.Length - offset >= count);
        return count > 0 ? Load(source, offset) : default;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Span<float> destination, int offset, F1 value)
    {
        Debug.Assert(offset >= 0 && offset < destination.Length);
        Unsafe.Add(ref MemoryMarshal.GetReference(destination), (nint)offset) = value.Value;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePartial(Span<float> destination, int offset, int count, F1 value)
    {
        Debug.Assert(offset >= 0 && count >= 0 && count <= 1 && destination.Length - offset >= count);
        if (count > 0)
        {
            Store(destination, offset, value);
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddTo(Span<float> destination, int offset, F1 value)
    {
        Debug.Assert(offset >= 0 && offset < destination.Length);
        Unsafe.Add(ref MemoryMarshal.GetReference(destination), (nint)offset) += value.Value;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddToPartial(Span<float> destination, int offset, int count, F1 value)
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
    public static F1 operator +(F1 a, F1 b) => new(a.Value + b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 operator -(F1 a, F1 b) => new(a.Value - b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 operator *(F1 a, F1 b) => new(a.Value * b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 operator /(F1 a, F1 b) => new(a.Value / b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 operator -(F1 a) => new(-a.Value);

    /// <summary>Fused on FMA hardware, a separate multiply and add elsewhere (never a slow software fma).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 MultiplyAdd(F1 a, F1 b, F1 c) => new(float.MultiplyAddEstimate(a.Value, b.Value, c.Value));

    // ---- pointwise math ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 Max(F1 a, F1 b) => new(MathF.Max(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 Min(F1 a, F1 b) => new(MathF.Min(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 Abs(F1 x) => new(MathF.Abs(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 Sign(F1 x) => new(Scalar.Sign(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 Sqrt(F1 x) => new(MathF.Sqrt(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 Exp(F1 x) => new(MathF.Exp(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 Log(F1 x) => new(MathF.Log(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 Tanh(F1 x) => new(MathF.Tanh(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 Sigmoid(F1 x) => new(Scalar.Sigmoid(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 Softplus(F1 x) => new(Scalar.Softplus(x.Value));

    // ---- masks ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 Equal(F1 a, F1 b) => Mask(a.Value == b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 NotEqual(F1 a, F1 b) => Mask(a.Value != b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 LessThan(F1 a, F1 b) => Mask(a.Value < b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 LessThanOrEqual(F1 a, F1 b) => Mask(a.Value <= b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 GreaterThan(F1 a, F1 b) => Mask(a.Value > b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 GreaterThanOrEqual(F1 a, F1 b) => Mask(a.Value >= b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 And(F1 maskA, F1 maskB) => FromBits(Bits(maskA) & Bits(maskB));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 Or(F1 maskA, F1 maskB) => FromBits(Bits(maskA) | Bits(maskB));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 Not(F1 mask) => FromBits(~Bits(mask));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 IndexMask(int start, IndexComparison op, int value) => Mask(op switch
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
    public static F1 FirstLanes(int count) => Mask(count > 0);

    /// <summary>Bitwise, like the vector ConditionalSelect, so it agrees with them on any mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 Select(F1 mask, F1 ifTrue, F1 ifFalse) =>
        FromBits((Bits(mask) & Bits(ifTrue)) | (~Bits(mask) & Bits(ifFalse)));

    // ---- horizontal ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(F1 x) => x.Value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxAcross(F1 x) => x.Value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MinAcross(F1 x) => x.Value;

    // ---- lane indices ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 Indices(int start) => FromBits(start);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 IndexSplat(int index) => FromBits(index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F1 IndexEqual(F1 indices, int index) => Mask(Bits(indices) == index);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstIndexOfMax(F1 extremes, F1 indices) => (int)Bits(indices);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstIndexOfMin(F1 extremes, F1 indices) => (int)Bits(indices);
}
