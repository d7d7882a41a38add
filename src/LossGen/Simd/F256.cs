// Made from Simd/Templates/FloatWide.template by tests/LossGen.Tests/Simd/WideLaneSourceTests.cs (the
// widths differ only in the names below): edit the template, then run that test with
// LOSSGEN_WRITE_LANES=1 to rewrite this file. Without it the test fails if the two differ.
using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LossGen.CompilerServices;

/// <summary>Eight float lanes in one <see cref="Vector256{T}"/> (AVX).</summary>
/// <remarks>
/// A single-field readonly struct so the JIT keeps it in a register. Partial memory members use, in
/// order of preference: the AVX-512VL masked move (<c>vmovups ymm/xmm</c> with a k-mask, as cheap as
/// a full move), the AVX <c>vmaskmovps</c> (masked-off lanes are neither read nor written and
/// cannot fault, but the store form is slower on some AMD cores), and without either an in-bounds
/// full load plus mask when the span has room, else a per-element loop. Both masked forms are exact
/// at the very end of a span.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct F256 : ILanes<F256, float>, IExponentBits<F256>
{
    /// <summary>The lanes.</summary>
    public readonly Vector256<float> Value;

    /// <summary>Wraps <paramref name="value"/>, one lane per element.</summary>
    /// <param name="value">The lanes.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public F256(Vector256<float> value) => Value = value;

    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256<float>.Count;
    }

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256.IsHardwareAccelerated;
    }

    /// <inheritdoc/>
    public static F256 Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector256<float>.Zero);
    }

    /// <inheritdoc/>
    public static F256 One
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector256<float>.One);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 Splat(float value) => new(Vector256.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Narrow(double value) => (float)value;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Widen(float value) => value;

    // ---- memory ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 Load(ReadOnlySpan<float> source, int offset)
    {
        Debug.Assert(offset >= 0 && source.Length - offset >= Count);
        return new(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)offset));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe F256 LoadPartial(ReadOnlySpan<float> source, int offset, int count)
    {
        Debug.Assert(offset >= 0 && count >= 0 && count <= Count && source.Length - offset >= count);
        ref float start = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), (nint)offset);
        Vector256<float> mask = FirstLanes(count).Value;
        if (Avx512F.VL.IsSupported)
        {
            fixed (float* p = &start)
            {
                return new(Avx512F.VL.MaskLoad(p, mask, Vector256<float>.Zero));
            }
        }
        if (Avx.IsSupported)
        {
            fixed (float* p = &start)
            {
                return new(Avx.MaskLoad(p, mask));
            }
        }
        if (source.Length - offset >= Count)
        {
            return new(Vector256.LoadUnsafe(ref start) & mask);
        }
        return new(PartialMemory.Load<Vector256<float>, float>(ref start, count));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Span<float> destination, int offset, F256 value)
    {
        Debug.Assert(offset >= 0 && destination.Length - offset >= Count);
        value.Value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)offset);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void StorePartial(Span<float> destination, int offset, int count, F256 value)
    {
        Debug.Assert(offset >= 0 && count >= 0 && count <= Count && destination.Length - offset >= count);
        ref float start = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), (nint)offset);
        if (Avx512F.VL.IsSupported)
        {
            fixed (float* p = &start)
            {
                Avx512F.VL.MaskStore(p, FirstLanes(count).Value, value.Value);
            }
            return;
        }
        if (Avx.IsSupported)
        {
            fixed (float* p = &start)
            {
                Avx.MaskStore(p, FirstLanes(count).Value, value.Value);
            }
            return;
        }
        // A full read-modify-write would race with whoever owns the lanes past count: write only ours.
        PartialMemory.Store(ref start, count, value.Value);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddTo(Span<float> destination, int offset, F256 value)
    {
        Debug.Assert(offset >= 0 && destination.Length - offset >= Count);
        ref float start = ref MemoryMarshal.GetReference(destination);
        (Vector256.LoadUnsafe(ref start, (nuint)offset) + value.Value).StoreUnsafe(ref start, (nuint)offset);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddToPartial(Span<float> destination, int offset, int count, F256 value) =>
        StorePartial(destination, offset, count, LoadPartial(destination, offset, count) + value);

    // ---- rows across lanes (the other members keep the interface's lane-by-lane defaults) ----

    /// <summary>One AVX2 gather; lane by lane without AVX2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe F256 LoadStrided(ReadOnlySpan<float> source, int offset, int stride)
    {
        if (!Avx2.IsSupported)
        {
            return LaneDefaults.LoadStrided<F256, float>(source, offset, stride);
        }
        Vector256<int> index = Vector256<int>.Indices * stride;
        fixed (float* p = &MemoryMarshal.GetReference(source))
        {
            float* first = p + offset;
            return new(Avx2.GatherVector256(first, index, 4));
        }
    }

    /// <summary>As <see cref="LoadStrided"/>, each lane's index shifted by its label times scale.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe F256 LoadLabeled(ReadOnlySpan<float> source, int offset, int stride, ReadOnlySpan<int> labels, int labelOffset, int labelStride, int scale)
    {
        if (!Avx2.IsSupported || labelStride != 1)
        {
            return LaneDefaults.LoadLabeled<F256, float>(source, offset, stride, labels, labelOffset, labelStride, scale);
        }
        Vector256<int> index = Vector256<int>.Indices * stride + LabelLanes.Load256(labels, labelOffset) * scale;
        fixed (float* p = &MemoryMarshal.GetReference(source))
        {
            float* first = p + offset;
            return new(Avx2.GatherVector256(first, index, 4));
        }
    }

    /// <summary>Consecutive labels (the usual y[i]) compare as one integer vector (see <see cref="LabelLanes"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 LabelMask(ReadOnlySpan<int> labels, int labelOffset, int labelStride, IndexComparison op, int value) =>
        labelStride != 1
            ? LaneDefaults.LabelMask<F256, float>(labels, labelOffset, labelStride, op, value)
            : new(LabelLanes.Compare(LabelLanes.Load256(labels, labelOffset), op, value).AsSingle());

    // ---- arithmetic ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 operator +(F256 a, F256 b) => new(a.Value + b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 operator -(F256 a, F256 b) => new(a.Value - b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 operator *(F256 a, F256 b) => new(a.Value * b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 operator /(F256 a, F256 b) => new(a.Value / b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 operator -(F256 a) => new(-a.Value);

    /// <summary>Fused on FMA hardware; a separate multiply and add elsewhere (never a slow software fma).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 MultiplyAdd(F256 a, F256 b, F256 c) => new(Vector256.MultiplyAddEstimate(a.Value, b.Value, c.Value));

    // ---- pointwise math ----

    /// <summary>IEEE 754-2019 maximum: NaN propagates, +0 beats -0 (as <see cref="Math.Max(float, float)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 Max(F256 a, F256 b) => new(Vector256.Max(a.Value, b.Value));

    /// <summary>IEEE 754-2019 minimum: NaN propagates, -0 beats +0 (as <see cref="Math.Min(float, float)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 Min(F256 a, F256 b) => new(Vector256.Min(a.Value, b.Value));

    /// <summary>See <see cref="ILanes{TSelf, T}.RunningMax"/>: vmax (the second operand where unordered).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 RunningMax(F256 acc, F256 x) => new(Vector256.MaxNative(acc.Value, x.Value));

    /// <summary>See <see cref="ILanes{TSelf, T}.RunningMin"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 RunningMin(F256 acc, F256 x) => new(Vector256.MinNative(acc.Value, x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 Abs(F256 x) => new(Vector256.Abs(x.Value));

    /// <summary>±1 with the sign bit of x, +0 at ±0, NaN for NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 Sign(F256 x)
    {
        Vector256<float> v = x.Value;
        Vector256<float> unit = (v & Vector256.Create(-0f)) | Vector256<float>.One;
        Vector256<float> signOrZero = Vector256.AndNot(unit, Vector256.Equals(v, Vector256<float>.Zero));
        return new(Vector256.ConditionalSelect(Vector256.Equals(v, v), signOrZero, v));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 Sqrt(F256 x) => new(Vector256.Sqrt(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 Exp(F256 x) => VectorMathF.Exp(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 Log(F256 x) => VectorMathF.Log(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 Tanh(F256 x) => VectorMathF.Tanh(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 Sigmoid(F256 x) => VectorMath.Sigmoid<F256, float>(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 Softplus(F256 x) => VectorMath.Softplus<F256, float>(x);

    // ---- masks ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 Equal(F256 a, F256 b) => new(Vector256.Equals(a.Value, b.Value));

    /// <summary>Set where a ≠ b, including where either is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 NotEqual(F256 a, F256 b) => new(~Vector256.Equals(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 LessThan(F256 a, F256 b) => new(Vector256.LessThan(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 LessThanOrEqual(F256 a, F256 b) => new(Vector256.LessThanOrEqual(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 GreaterThan(F256 a, F256 b) => new(Vector256.GreaterThan(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 GreaterThanOrEqual(F256 a, F256 b) => new(Vector256.GreaterThanOrEqual(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 And(F256 maskA, F256 maskB) => new(maskA.Value & maskB.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 Or(F256 maskA, F256 maskB) => new(maskA.Value | maskB.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 Not(F256 mask) => new(~mask.Value);

    /// <remarks>
    /// Compares the lane number with <c>value - start</c> instead of adding start to every lane; the
    /// difference is computed in 64 bits and clamped to [-1, Count], which changes no comparison
    /// with a lane number in [0, Count) and so cannot overflow for any start and value.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 IndexMask(int start, IndexComparison op, int value)
    {
        Vector256<int> lane = Vector256<int>.Indices;
        Vector256<int> bound = Vector256.Create((int)Math.Clamp((long)value - start, -1, Count));
        Vector256<int> mask = op switch
        {
            IndexComparison.Equal => Vector256.Equals(lane, bound),
            IndexComparison.NotEqual => ~Vector256.Equals(lane, bound),
            IndexComparison.Less => Vector256.LessThan(lane, bound),
            IndexComparison.LessOrEqual => Vector256.LessThanOrEqual(lane, bound),
            IndexComparison.Greater => Vector256.GreaterThan(lane, bound),
            IndexComparison.GreaterOrEqual => Vector256.GreaterThanOrEqual(lane, bound),
            _ => LaneThrow.UnknownComparison<Vector256<int>>(op),
        };
        return new(mask.AsSingle());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 FirstLanes(int count) =>
        new(Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(count)).AsSingle());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 Select(F256 mask, F256 ifTrue, F256 ifFalse) =>
        new(Vector256.ConditionalSelect(mask.Value, ifTrue.Value, ifFalse.Value));

    // ---- horizontal ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(F256 x) => Vector256.Sum(x.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxAcross(F256 x) => Horizontal.Max(x.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MinAcross(F256 x) => Horizontal.Min(x.Value);

    // ---- lane indices ----

    /// <remarks>Lanes past an int's range (only in a masked tail past the end) are never selected.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 Indices(int start) => new((Vector256.Create(start) + Vector256<int>.Indices).AsSingle());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 IndexSplat(int index) => new(Vector256.Create(index).AsSingle());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F256 IndexEqual(F256 indices, int index) => new(Vector256.Equals(indices.Value.AsInt32(), Vector256.Create(index)).AsSingle());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstIndexOfMax(F256 extremes, F256 indices) => HorizontalArg.First(extremes.Value, indices.Value.AsInt32(), max: true);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstIndexOfMin(F256 extremes, F256 indices) => HorizontalArg.First(extremes.Value, indices.Value.AsInt32(), max: false);

    // ---- exponent bits (see IExponentBits) ----

    /// <remarks>
    /// MinNative/MaxNative are single min/max instructions. On x86 they return their second operand
    /// when either is NaN, so x goes second to let a NaN through; Arm's fmin/fmax propagate NaN.
    /// (The IEEE <c>Min</c>/<c>Max</c> cost two fix-up instructions each on AVX-512.)
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static F256 IExponentBits<F256>.ClampKeepNaN(F256 x, F256 low, F256 high) =>
        new(Vector256.MaxNative(low.Value, Vector256.MinNative(high.Value, x.Value)));

    /// <remarks>
    /// AVX-512 has this as one instruction (vscalef), which rounds once and handles overflow and
    /// subnormal results. Elsewhere 2^k is applied as two normal powers of two, 2^k1·2^k2 with
    /// k1 = round(k/2), so only the last multiply can round into the subnormal range.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static F256 IExponentBits<F256>.ScaleByPow2(F256 p, F256 k)
    {
        if (Avx512F.VL.IsSupported)
        {
            return new(Avx512F.VL.Scale(p.Value, k.Value));
        }
        Vector256<float> shifter = Vector256.Create(FloatBits.Shifter);
        Vector256<float> k1 = Vector256.MultiplyAddEstimate(k.Value, Vector256.Create(0.5f), shifter) - shifter;
        return new(p.Value * Pow2(k1) * Pow2(k.Value - k1));
    }

    /// <remarks>
    /// Adding 1.5·2^23 puts the integer k in the low mantissa bits (the spacing of floats there is 1),
    /// so k + 127 lands in the exponent field with one integer add and shift and no float→int convert.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Pow2(Vector256<float> k)
    {
        Vector256<int> shifted = (k + Vector256.Create(FloatBits.Shifter)).AsInt32();
        return Vector256.ShiftLeft(shifted + Vector256.Create(FloatBits.Pow2Offset), 23).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static F256 IExponentBits<F256>.ReducedMantissa(F256 x)
    {
        Vector256<int> rebased = x.Value.AsInt32() - Vector256.Create(FloatBits.SqrtHalfBits);
        return new(((rebased & Vector256.Create(FloatBits.MantissaMask)) + Vector256.Create(FloatBits.SqrtHalfBits)).AsSingle());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static F256 IExponentBits<F256>.ReducedExponent(F256 x)
    {
        Vector256<int> rebased = x.Value.AsInt32() - Vector256.Create(FloatBits.SqrtHalfBits);
        return new(Vector256.ConvertToSingle(Vector256.ShiftRightArithmetic(rebased, 23)));
    }
}
