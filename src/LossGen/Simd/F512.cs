using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LossGen.CompilerServices;

/// <summary>Sixteen float lanes in one <see cref="Vector512{T}"/> (AVX-512).</summary>
/// <remarks>
/// A single-field readonly struct so the JIT keeps it in a register. Partial memory members use the
/// AVX-512 masked move (<c>vmovups</c> with a k-mask): masked-off lanes are neither read nor written
/// and cannot fault, so it is exact at the end of a span and costs the same as a full move.
/// Without AVX-512 they fall back to an in-bounds full load plus mask when the span has room, and
/// to a per-element loop otherwise.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct F512 : ILanes<F512, float>, IExponentBits<F512>
{
    /// <summary>The lanes.</summary>
    public readonly Vector512<float> Value;

    /// <summary>Wraps <paramref name="value"/>, one lane per element.</summary>
    /// <param name="value">The lanes.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public F512(Vector512<float> value) => Value = value;

    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512<float>.Count;
    }

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.IsHardwareAccelerated;
    }

    /// <inheritdoc/>
    public static F512 Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector512<float>.Zero);
    }

    /// <inheritdoc/>
    public static F512 One
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector512<float>.One);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 Splat(float value) => new(Vector512.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Narrow(double value) => (float)value;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Widen(float value) => value;

    // ---- memory ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 Load(ReadOnlySpan<float> source, int offset)
    {
        Debug.Assert(offset >= 0 && source.Length - offset >= Count);
        return new(Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)offset));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe F512 LoadPartial(ReadOnlySpan<float> source, int offset, int count)
    {
        Debug.Assert(offset >= 0 && count >= 0 && count <= Count && source.Length - offset >= count);
        ref float start = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), (nint)offset);
        Vector512<float> mask = FirstLanes(count).Value;
        if (Avx512F.IsSupported)
        {
            fixed (float* p = &start)
            {
                return new(Avx512F.MaskLoad(p, mask, Vector512<float>.Zero));
            }
        }
        if (source.Length - offset >= Count)
        {
            return new(Vector512.LoadUnsafe(ref start) & mask);
        }
        return new(PartialMemory.Load<Vector512<float>, float>(ref start, count));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Span<float> destination, int offset, F512 value)
    {
        Debug.Assert(offset >= 0 && destination.Length - offset >= Count);
        value.Value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)offset);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void StorePartial(Span<float> destination, int offset, int count, F512 value)
    {
        Debug.Assert(offset >= 0 && count >= 0 && count <= Count && destination.Length - offset >= count);
        ref float start = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), (nint)offset);
        if (Avx512F.IsSupported)
        {
            fixed (float* p = &start)
            {
                Avx512F.MaskStore(p, FirstLanes(count).Value, value.Value);
            }
            return;
        }
        // A full read-modify-write would race with whoever owns the lanes past count: write only ours.
        PartialMemory.Store(ref start, count, value.Value);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddTo(Span<float> destination, int offset, F512 value)
    {
        Debug.Assert(offset >= 0 && destination.Length - offset >= Count);
        ref float start = ref MemoryMarshal.GetReference(destination);
        (Vector512.LoadUnsafe(ref start, (nuint)offset) + value.Value).StoreUnsafe(ref start, (nuint)offset);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddToPartial(Span<float> destination, int offset, int count, F512 value) =>
        StorePartial(destination, offset, count, LoadPartial(destination, offset, count) + value);

    // ---- rows across lanes ----

    /// <summary>Two AVX2 gathers of eight lanes (.NET exposes no 512-bit gather); lane by lane without AVX2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe F512 LoadStrided(ReadOnlySpan<float> source, int offset, int stride)
    {
        if (!Avx2.IsSupported)
        {
            return LaneDefaults.LoadStrided<F512, float>(source, offset, stride);
        }
        Vector256<int> index = Vector256<int>.Indices * stride;
        fixed (float* p = &MemoryMarshal.GetReference(source))
        {
            float* first = p + offset;
            return new(Vector512.Create(Avx2.GatherVector256(first, index, 4), Avx2.GatherVector256(first + (nint)8 * stride, index, 4)));
        }
    }

    /// <summary>As <see cref="LoadStrided"/>, each lane's index shifted by its label times scale.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe F512 LoadLabeled(ReadOnlySpan<float> source, int offset, int stride, ReadOnlySpan<int> labels, int labelOffset, int labelStride, int scale)
    {
        if (!Avx2.IsSupported || labelStride != 1)
        {
            return LaneDefaults.LoadLabeled<F512, float>(source, offset, stride, labels, labelOffset, labelStride, scale);
        }
        Vector256<int> lanes = Vector256<int>.Indices * stride;
        Vector256<int> low = lanes + LabelLanes.Load256(labels, labelOffset) * scale;
        Vector256<int> high = lanes + LabelLanes.Load256(labels, labelOffset + 8) * scale;
        fixed (float* p = &MemoryMarshal.GetReference(source))
        {
            float* first = p + offset;
            return new(Vector512.Create(Avx2.GatherVector256(first, low, 4), Avx2.GatherVector256(first + (nint)8 * stride, high, 4)));
        }
    }

    /// <summary>Consecutive labels (the usual y[i]) compare as one integer vector (see <see cref="LabelLanes"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 LabelMask(ReadOnlySpan<int> labels, int labelOffset, int labelStride, IndexComparison op, int value) =>
        labelStride != 1
            ? LaneDefaults.LabelMask<F512, float>(labels, labelOffset, labelStride, op, value)
            : new(LabelLanes.Compare(LabelLanes.Load512(labels, labelOffset), op, value).AsSingle());

    // ---- arithmetic ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 operator +(F512 a, F512 b) => new(a.Value + b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 operator -(F512 a, F512 b) => new(a.Value - b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 operator *(F512 a, F512 b) => new(a.Value * b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 operator /(F512 a, F512 b) => new(a.Value / b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 operator -(F512 a) => new(-a.Value);

    /// <summary>Fused on FMA hardware; a separate multiply and add elsewhere (never a slow software fma).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 MultiplyAdd(F512 a, F512 b, F512 c) => new(Vector512.MultiplyAddEstimate(a.Value, b.Value, c.Value));

    // ---- pointwise math ----

    /// <summary>IEEE 754-2019 maximum: NaN propagates, +0 beats -0 (as <see cref="Math.Max(float, float)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 Max(F512 a, F512 b) => new(Vector512.Max(a.Value, b.Value));

    /// <summary>IEEE 754-2019 minimum: NaN propagates, -0 beats +0 (as <see cref="Math.Min(float, float)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 Min(F512 a, F512 b) => new(Vector512.Min(a.Value, b.Value));

    /// <summary>See <see cref="ILanes{TSelf, T}.RunningMax"/>: vmax (the second operand where unordered).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 RunningMax(F512 acc, F512 x) => new(Vector512.MaxNative(acc.Value, x.Value));

    /// <summary>See <see cref="ILanes{TSelf, T}.RunningMin"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 RunningMin(F512 acc, F512 x) => new(Vector512.MinNative(acc.Value, x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 Abs(F512 x) => new(Vector512.Abs(x.Value));

    /// <summary>±1 with the sign bit of x, +0 at ±0, NaN for NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 Sign(F512 x)
    {
        Vector512<float> v = x.Value;
        Vector512<float> unit = (v & Vector512.Create(-0f)) | Vector512<float>.One;
        Vector512<float> signOrZero = Vector512.AndNot(unit, Vector512.Equals(v, Vector512<float>.Zero));
        return new(Vector512.ConditionalSelect(Vector512.Equals(v, v), signOrZero, v));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 Sqrt(F512 x) => new(Vector512.Sqrt(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 Exp(F512 x) => VectorMathF.Exp(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 Log(F512 x) => VectorMathF.Log(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 Tanh(F512 x) => VectorMathF.Tanh(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 Sigmoid(F512 x) => VectorMath.Sigmoid<F512, float>(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 Softplus(F512 x) => VectorMath.Softplus<F512, float>(x);

    // ---- masks ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 Equal(F512 a, F512 b) => new(Vector512.Equals(a.Value, b.Value));

    /// <summary>Set where a ≠ b, including where either is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 NotEqual(F512 a, F512 b) => new(~Vector512.Equals(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 LessThan(F512 a, F512 b) => new(Vector512.LessThan(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 LessThanOrEqual(F512 a, F512 b) => new(Vector512.LessThanOrEqual(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 GreaterThan(F512 a, F512 b) => new(Vector512.GreaterThan(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 GreaterThanOrEqual(F512 a, F512 b) => new(Vector512.GreaterThanOrEqual(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 And(F512 maskA, F512 maskB) => new(maskA.Value & maskB.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 Or(F512 maskA, F512 maskB) => new(maskA.Value | maskB.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 Not(F512 mask) => new(~mask.Value);

    /// <remarks>
    /// Compares the lane number with <c>value - start</c> instead of adding start to every lane; the
    /// difference is computed in 64 bits and clamped to [-1, Count], which changes no comparison
    /// with a lane number in [0, Count) and so cannot overflow for any start and value.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 IndexMask(int start, IndexComparison op, int value)
    {
        Vector512<int> lane = Vector512<int>.Indices;
        Vector512<int> bound = Vector512.Create((int)Math.Clamp((long)value - start, -1, Count));
        Vector512<int> mask = op switch
        {
            IndexComparison.Equal => Vector512.Equals(lane, bound),
            IndexComparison.NotEqual => ~Vector512.Equals(lane, bound),
            IndexComparison.Less => Vector512.LessThan(lane, bound),
            IndexComparison.LessOrEqual => Vector512.LessThanOrEqual(lane, bound),
            IndexComparison.Greater => Vector512.GreaterThan(lane, bound),
            IndexComparison.GreaterOrEqual => Vector512.GreaterThanOrEqual(lane, bound),
            _ => LaneThrow.UnknownComparison<Vector512<int>>(op),
        };
        return new(mask.AsSingle());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 FirstLanes(int count) =>
        new(Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 Select(F512 mask, F512 ifTrue, F512 ifFalse) =>
        new(Vector512.ConditionalSelect(mask.Value, ifTrue.Value, ifFalse.Value));

    // ---- horizontal ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(F512 x) => Vector512.Sum(x.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxAcross(F512 x) => Horizontal.Max(x.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MinAcross(F512 x) => Horizontal.Min(x.Value);

    // ---- lane indices ----

    /// <remarks>Lanes past an int's range (only in a masked tail past the end) are never selected.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 Indices(int start) => new((Vector512.Create(start) + Vector512<int>.Indices).AsSingle());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 IndexSplat(int index) => new(Vector512.Create(index).AsSingle());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F512 IndexEqual(F512 indices, int index) => new(Vector512.Equals(indices.Value.AsInt32(), Vector512.Create(index)).AsSingle());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstIndexOfMax(F512 extremes, F512 indices) => HorizontalArg.First(extremes.Value, indices.Value.AsInt32(), max: true);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstIndexOfMin(F512 extremes, F512 indices) => HorizontalArg.First(extremes.Value, indices.Value.AsInt32(), max: false);

    // ---- exponent bits (see IExponentBits) ----

    /// <remarks>
    /// MinNative/MaxNative are single min/max instructions. On x86 they return their second operand
    /// when either is NaN, so x goes second to let a NaN through; Arm's fmin/fmax propagate NaN.
    /// (The IEEE <c>Min</c>/<c>Max</c> cost two fix-up instructions each on AVX-512.)
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static F512 IExponentBits<F512>.ClampKeepNaN(F512 x, F512 low, F512 high) =>
        new(Vector512.MaxNative(low.Value, Vector512.MinNative(high.Value, x.Value)));

    /// <remarks>
    /// AVX-512 has this as one instruction (vscalef), which rounds once and handles overflow and
    /// subnormal results. Elsewhere 2^k is applied as two normal powers of two, 2^k1·2^k2 with
    /// k1 = round(k/2), so only the last multiply can round into the subnormal range.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static F512 IExponentBits<F512>.ScaleByPow2(F512 p, F512 k)
    {
        if (Avx512F.IsSupported)
        {
            return new(Avx512F.Scale(p.Value, k.Value));
        }
        Vector512<float> shifter = Vector512.Create(FloatBits.Shifter);
        Vector512<float> k1 = Vector512.MultiplyAddEstimate(k.Value, Vector512.Create(0.5f), shifter) - shifter;
        return new(p.Value * Pow2(k1) * Pow2(k.Value - k1));
    }

    /// <remarks>
    /// Adding 1.5·2^23 puts the integer k in the low mantissa bits (the spacing of floats there is 1),
    /// so k + 127 lands in the exponent field with one integer add and shift and no float→int convert.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Pow2(Vector512<float> k)
    {
        Vector512<int> shifted = (k + Vector512.Create(FloatBits.Shifter)).AsInt32();
        return Vector512.ShiftLeft(shifted + Vector512.Create(FloatBits.Pow2Offset), 23).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static F512 IExponentBits<F512>.ReducedMantissa(F512 x)
    {
        Vector512<int> rebased = x.Value.AsInt32() - Vector512.Create(FloatBits.SqrtHalfBits);
        return new(((rebased & Vector512.Create(FloatBits.MantissaMask)) + Vector512.Create(FloatBits.SqrtHalfBits)).AsSingle());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static F512 IExponentBits<F512>.ReducedExponent(F512 x)
    {
        Vector512<int> rebased = x.Value.AsInt32() - Vector512.Create(FloatBits.SqrtHalfBits);
        return new(Vector512.ConvertToSingle(Vector512.ShiftRightArithmetic(rebased, 23)));
    }
}
