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

/// <summary>Four float lanes in one <see cref="Vector128{T}"/> (SSE / Arm64 AdvSimd).</summary>
/// <remarks>
/// A single-field readonly struct so the JIT keeps it in a register. Partial memory members use, in
/// order of preference: the AVX-512VL masked move (<c>vmovups ymm/xmm</c> with a k-mask, as cheap as
/// a full move), the AVX <c>vmaskmovps</c> (masked-off lanes are neither read nor written and
/// cannot fault, but the store form is slower on some AMD cores), and without either an in-bounds
/// full load plus mask when the span has room, else a per-element loop. Both masked forms are exact
/// at the very end of a span.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct F128 : ILanes<F128, float>, IExponentBits<F128>
{
    /// <summary>The lanes.</summary>
    public readonly Vector128<float> Value;

    /// <summary>Wraps <paramref name="value"/>, one lane per element.</summary>
    /// <param name="value">The lanes.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public F128(Vector128<float> value) => Value = value;

    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector128<float>.Count;
    }

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector128.IsHardwareAccelerated;
    }

    /// <inheritdoc/>
    public static F128 Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector128<float>.Zero);
    }

    /// <inheritdoc/>
    public static F128 One
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector128<float>.One);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 Splat(float value) => new(Vector128.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Narrow(double value) => (float)value;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Widen(float value) => value;

    // ---- memory ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 Load(ReadOnlySpan<float> source, int offset)
    {
        Debug.Assert(offset >= 0 && source.Length - offset >= Count);
        return new(Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)offset));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe F128 LoadPartial(ReadOnlySpan<float> source, int offset, int count)
    {
        Debug.Assert(offset >= 0 && count >= 0 && count <= Count && source.Length - offset >= count);
        ref float start = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), (nint)offset);
        Vector128<float> mask = FirstLanes(count).Value;
        if (Avx512F.VL.IsSupported)
        {
            fixed (float* p = &start)
            {
                return new(Avx512F.VL.MaskLoad(p, mask, Vector128<float>.Zero));
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
            return new(Vector128.LoadUnsafe(ref start) & mask);
        }
        return new(PartialMemory.Load<Vector128<float>, float>(ref start, count));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Span<float> destination, int offset, F128 value)
    {
        Debug.Assert(offset >= 0 && destination.Length - offset >= Count);
        value.Value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)offset);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void StorePartial(Span<float> destination, int offset, int count, F128 value)
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
    public static void AddTo(Span<float> destination, int offset, F128 value)
    {
        Debug.Assert(offset >= 0 && destination.Length - offset >= Count);
        ref float start = ref MemoryMarshal.GetReference(destination);
        (Vector128.LoadUnsafe(ref start, (nuint)offset) + value.Value).StoreUnsafe(ref start, (nuint)offset);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddToPartial(Span<float> destination, int offset, int count, F128 value) =>
        StorePartial(destination, offset, count, LoadPartial(destination, offset, count) + value);

    // ---- rows across lanes (the other members keep the interface's lane-by-lane defaults) ----

    /// <summary>One AVX2 gather; lane by lane without AVX2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe F128 LoadStrided(ReadOnlySpan<float> source, int offset, int stride)
    {
        if (!Avx2.IsSupported)
        {
            return LaneDefaults.LoadStrided<F128, float>(source, offset, stride);
        }
        Vector128<int> index = Vector128<int>.Indices * stride;
        fixed (float* p = &MemoryMarshal.GetReference(source))
        {
            float* first = p + offset;
            return new(Avx2.GatherVector128(first, index, 4));
        }
    }

    /// <summary>As <see cref="LoadStrided"/>, each lane's index shifted by its label times scale.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe F128 LoadLabeled(ReadOnlySpan<float> source, int offset, int stride, ReadOnlySpan<int> labels, int labelOffset, int labelStride, int scale)
    {
        if (!Avx2.IsSupported || labelStride != 1)
        {
            return LaneDefaults.LoadLabeled<F128, float>(source, offset, stride, labels, labelOffset, labelStride, scale);
        }
        Vector128<int> index = Vector128<int>.Indices * stride + LabelLanes.Load128(labels, labelOffset) * scale;
        fixed (float* p = &MemoryMarshal.GetReference(source))
        {
            float* first = p + offset;
            return new(Avx2.GatherVector128(first, index, 4));
        }
    }

    /// <summary>Consecutive labels (the usual y[i]) compare as one integer vector (see <see cref="LabelLanes"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 LabelMask(ReadOnlySpan<int> labels, int labelOffset, int labelStride, IndexComparison op, int value) =>
        labelStride != 1
            ? LaneDefaults.LabelMask<F128, float>(labels, labelOffset, labelStride, op, value)
            : new(LabelLanes.Compare(LabelLanes.Load128(labels, labelOffset), op, value).AsSingle());

    // ---- arithmetic ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 operator +(F128 a, F128 b) => new(a.Value + b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 operator -(F128 a, F128 b) => new(a.Value - b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 operator *(F128 a, F128 b) => new(a.Value * b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 operator /(F128 a, F128 b) => new(a.Value / b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 operator -(F128 a) => new(-a.Value);

    /// <summary>Fused on FMA hardware; a separate multiply and add elsewhere (never a slow software fma).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 MultiplyAdd(F128 a, F128 b, F128 c) => new(Vector128.MultiplyAddEstimate(a.Value, b.Value, c.Value));

    // ---- pointwise math ----

    /// <summary>IEEE 754-2019 maximum: NaN propagates, +0 beats -0 (as <see cref="Math.Max(float, float)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 Max(F128 a, F128 b) => new(Vector128.Max(a.Value, b.Value));

    /// <summary>IEEE 754-2019 minimum: NaN propagates, -0 beats +0 (as <see cref="Math.Min(float, float)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 Min(F128 a, F128 b) => new(Vector128.Min(a.Value, b.Value));

    /// <summary>See <see cref="ILanes{TSelf, T}.RunningMax"/>: vmax (the second operand where unordered).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 RunningMax(F128 acc, F128 x) => new(Vector128.MaxNative(acc.Value, x.Value));

    /// <summary>See <see cref="ILanes{TSelf, T}.RunningMin"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 RunningMin(F128 acc, F128 x) => new(Vector128.MinNative(acc.Value, x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 Abs(F128 x) => new(Vector128.Abs(x.Value));

    /// <summary>±1 with the sign bit of x, +0 at ±0, NaN for NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 Sign(F128 x)
    {
        Vector128<float> v = x.Value;
        Vector128<float> unit = (v & Vector128.Create(-0f)) | Vector128<float>.One;
        Vector128<float> signOrZero = Vector128.AndNot(unit, Vector128.Equals(v, Vector128<float>.Zero));
        return new(Vector128.ConditionalSelect(Vector128.Equals(v, v), signOrZero, v));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 Sqrt(F128 x) => new(Vector128.Sqrt(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 Exp(F128 x) => VectorMathF.Exp(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 Log(F128 x) => VectorMathF.Log(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 Tanh(F128 x) => VectorMathF.Tanh(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 Sigmoid(F128 x) => VectorMath.Sigmoid<F128, float>(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 Softplus(F128 x) => VectorMath.Softplus<F128, float>(x);

    // ---- masks ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 Equal(F128 a, F128 b) => new(Vector128.Equals(a.Value, b.Value));

    /// <summary>Set where a ≠ b, including where either is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 NotEqual(F128 a, F128 b) => new(~Vector128.Equals(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 LessThan(F128 a, F128 b) => new(Vector128.LessThan(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 LessThanOrEqual(F128 a, F128 b) => new(Vector128.LessThanOrEqual(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 GreaterThan(F128 a, F128 b) => new(Vector128.GreaterThan(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 GreaterThanOrEqual(F128 a, F128 b) => new(Vector128.GreaterThanOrEqual(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 And(F128 maskA, F128 maskB) => new(maskA.Value & maskB.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 Or(F128 maskA, F128 maskB) => new(maskA.Value | maskB.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 Not(F128 mask) => new(~mask.Value);

    /// <remarks>
    /// Compares the lane number with <c>value - start</c> instead of adding start to every lane; the
    /// difference is computed in 64 bits and clamped to [-1, Count], which changes no comparison
    /// with a lane number in [0, Count) and so cannot overflow for any start and value.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 IndexMask(int start, IndexComparison op, int value)
    {
        Vector128<int> lane = Vector128<int>.Indices;
        Vector128<int> bound = Vector128.Create((int)Math.Clamp((long)value - start, -1, Count));
        Vector128<int> mask = op switch
        {
            IndexComparison.Equal => Vector128.Equals(lane, bound),
            IndexComparison.NotEqual => ~Vector128.Equals(lane, bound),
            IndexComparison.Less => Vector128.LessThan(lane, bound),
            IndexComparison.LessOrEqual => Vector128.LessThanOrEqual(lane, bound),
            IndexComparison.Greater => Vector128.GreaterThan(lane, bound),
            IndexComparison.GreaterOrEqual => Vector128.GreaterThanOrEqual(lane, bound),
            _ => LaneThrow.UnknownComparison<Vector128<int>>(op),
        };
        return new(mask.AsSingle());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 FirstLanes(int count) =>
        new(Vector128.LessThan(Vector128<int>.Indices, Vector128.Create(count)).AsSingle());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 Select(F128 mask, F128 ifTrue, F128 ifFalse) =>
        new(Vector128.ConditionalSelect(mask.Value, ifTrue.Value, ifFalse.Value));

    // ---- horizontal ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(F128 x) => Vector128.Sum(x.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxAcross(F128 x) => Horizontal.Max(x.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MinAcross(F128 x) => Horizontal.Min(x.Value);

    // ---- lane indices ----

    /// <remarks>Lanes past an int's range (only in a masked tail past the end) are never selected.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 Indices(int start) => new((Vector128.Create(start) + Vector128<int>.Indices).AsSingle());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 IndexSplat(int index) => new(Vector128.Create(index).AsSingle());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static F128 IndexEqual(F128 indices, int index) => new(Vector128.Equals(indices.Value.AsInt32(), Vector128.Create(index)).AsSingle());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstIndexOfMax(F128 extremes, F128 indices) => HorizontalArg.First(extremes.Value, indices.Value.AsInt32(), max: true);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstIndexOfMin(F128 extremes, F128 indices) => HorizontalArg.First(extremes.Value, indices.Value.AsInt32(), max: false);

    // ---- exponent bits (see IExponentBits) ----

    /// <remarks>
    /// MinNative/MaxNative are single min/max instructions. On x86 they return their second operand
    /// when either is NaN, so x goes second to let a NaN through; Arm's fmin/fmax propagate NaN.
    /// (The IEEE <c>Min</c>/<c>Max</c> cost two fix-up instructions each on AVX-512.)
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static F128 IExponentBits<F128>.ClampKeepNaN(F128 x, F128 low, F128 high) =>
        new(Vector128.MaxNative(low.Value, Vector128.MinNative(high.Value, x.Value)));

    /// <remarks>
    /// AVX-512 has this as one instruction (vscalef), which rounds once and handles overflow and
    /// subnormal results. Elsewhere 2^k is applied as two normal powers of two, 2^k1·2^k2 with
    /// k1 = round(k/2), so only the last multiply can round into the subnormal range.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static F128 IExponentBits<F128>.ScaleByPow2(F128 p, F128 k)
    {
        if (Avx512F.VL.IsSupported)
        {
            return new(Avx512F.VL.Scale(p.Value, k.Value));
        }
        Vector128<float> shifter = Vector128.Create(FloatBits.Shifter);
        Vector128<float> k1 = Vector128.MultiplyAddEstimate(k.Value, Vector128.Create(0.5f), shifter) - shifter;
        return new(p.Value * Pow2(k1) * Pow2(k.Value - k1));
    }

    /// <remarks>
    /// Adding 1.5·2^23 puts the integer k in the low mantissa bits (the spacing of floats there is 1),
    /// so k + 127 lands in the exponent field with one integer add and shift and no float→int convert.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Pow2(Vector128<float> k)
    {
        Vector128<int> shifted = (k + Vector128.Create(FloatBits.Shifter)).AsInt32();
        return Vector128.ShiftLeft(shifted + Vector128.Create(FloatBits.Pow2Offset), 23).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static F128 IExponentBits<F128>.ReducedMantissa(F128 x)
    {
        Vector128<int> rebased = x.Value.AsInt32() - Vector128.Create(FloatBits.SqrtHalfBits);
        return new(((rebased & Vector128.Create(FloatBits.MantissaMask)) + Vector128.Create(FloatBits.SqrtHalfBits)).AsSingle());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static F128 IExponentBits<F128>.ReducedExponent(F128 x)
    {
        Vector128<int> rebased = x.Value.AsInt32() - Vector128.Create(FloatBits.SqrtHalfBits);
        return new(Vector128.ConvertToSingle(Vector128.ShiftRightArithmetic(rebased, 23)));
    }
}
