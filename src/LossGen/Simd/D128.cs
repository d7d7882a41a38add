// Made from Simd/Templates/DoubleWide.template by tests/LossGen.Tests/Simd/WideLaneSourceTests.cs (the
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

/// <summary>Two double lanes in one <see cref="Vector128{T}"/> (SSE / Arm64 AdvSimd).</summary>
/// <remarks>
/// A single-field readonly struct so the JIT keeps it in a register. Partial memory members use, in
/// order of preference: the AVX-512VL masked move (<c>vmovupd ymm/xmm</c> with a k-mask, as cheap as
/// a full move), the AVX <c>vmaskmovpd</c> (masked-off lanes are neither read nor written and
/// cannot fault, but the store form is slower on some AMD cores), and without either an in-bounds
/// full load plus mask when the span has room, else a per-element loop. Both masked forms are exact
/// at the very end of a span.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct D128 : ILanes<D128, double>, IExponentBits<D128>
{
    /// <summary>The lanes.</summary>
    public readonly Vector128<double> Value;

    /// <summary>Wraps <paramref name="value"/>, one lane per element.</summary>
    /// <param name="value">The lanes.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public D128(Vector128<double> value) => Value = value;

    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector128<double>.Count;
    }

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector128.IsHardwareAccelerated;
    }

    /// <inheritdoc/>
    public static D128 Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector128<double>.Zero);
    }

    /// <inheritdoc/>
    public static D128 One
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector128<double>.One);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 Splat(double value) => new(Vector128.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Narrow(double value) => value;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Widen(double value) => value;

    // ---- memory ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 Load(ReadOnlySpan<double> source, int offset)
    {
        Debug.Assert(offset >= 0 && source.Length - offset >= Count);
        return new(Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)offset));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe D128 LoadPartial(ReadOnlySpan<double> source, int offset, int count)
    {
        Debug.Assert(offset >= 0 && count >= 0 && count <= Count && source.Length - offset >= count);
        ref double start = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), (nint)offset);
        Vector128<double> mask = FirstLanes(count).Value;
        if (Avx512F.VL.IsSupported)
        {
            fixed (double* p = &start)
            {
                return new(Avx512F.VL.MaskLoad(p, mask, Vector128<double>.Zero));
            }
        }
        if (Avx.IsSupported)
        {
            fixed (double* p = &start)
            {
                return new(Avx.MaskLoad(p, mask));
            }
        }
        if (source.Length - offset >= Count)
        {
            return new(Vector128.LoadUnsafe(ref start) & mask);
        }
        return new(PartialMemory.Load<Vector128<double>, double>(ref start, count));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Span<double> destination, int offset, D128 value)
    {
        Debug.Assert(offset >= 0 && destination.Length - offset >= Count);
        value.Value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)offset);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void StorePartial(Span<double> destination, int offset, int count, D128 value)
    {
        Debug.Assert(offset >= 0 && count >= 0 && count <= Count && destination.Length - offset >= count);
        ref double start = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), (nint)offset);
        if (Avx512F.VL.IsSupported)
        {
            fixed (double* p = &start)
            {
                Avx512F.VL.MaskStore(p, FirstLanes(count).Value, value.Value);
            }
            return;
        }
        if (Avx.IsSupported)
        {
            fixed (double* p = &start)
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
    public static void AddTo(Span<double> destination, int offset, D128 value)
    {
        Debug.Assert(offset >= 0 && destination.Length - offset >= Count);
        ref double start = ref MemoryMarshal.GetReference(destination);
        (Vector128.LoadUnsafe(ref start, (nuint)offset) + value.Value).StoreUnsafe(ref start, (nuint)offset);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddToPartial(Span<double> destination, int offset, int count, D128 value) =>
        StorePartial(destination, offset, count, LoadPartial(destination, offset, count) + value);

    // ---- rows across lanes (the other members keep the interface's lane-by-lane defaults) ----

    /// <summary>One AVX2 gather (of the two low indices); lane by lane without AVX2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe D128 LoadStrided(ReadOnlySpan<double> source, int offset, int stride)
    {
        if (!Avx2.IsSupported)
        {
            return LaneDefaults.LoadStrided<D128, double>(source, offset, stride);
        }
        Vector128<int> index = Vector128<int>.Indices * stride;
        fixed (double* p = &MemoryMarshal.GetReference(source))
        {
            double* first = p + offset;
            return new(Avx2.GatherVector128(first, index, 8));
        }
    }

    /// <summary>As <see cref="LoadStrided"/>, each lane's index shifted by its label times scale.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe D128 LoadLabeled(ReadOnlySpan<double> source, int offset, int stride, ReadOnlySpan<int> labels, int labelOffset, int labelStride, int scale)
    {
        if (!Avx2.IsSupported || labelStride != 1)
        {
            return LaneDefaults.LoadLabeled<D128, double>(source, offset, stride, labels, labelOffset, labelStride, scale);
        }
        Vector128<int> index = Vector128<int>.Indices * stride + LabelLanes.LoadTwo(labels, labelOffset) * scale;
        fixed (double* p = &MemoryMarshal.GetReference(source))
        {
            double* first = p + offset;
            return new(Avx2.GatherVector128(first, index, 8));
        }
    }

    /// <summary>Consecutive labels (the usual y[i]) compare as one integer vector (see <see cref="LabelLanes"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 LabelMask(ReadOnlySpan<int> labels, int labelOffset, int labelStride, IndexComparison op, int value) =>
        labelStride != 1
            ? LaneDefaults.LabelMask<D128, double>(labels, labelOffset, labelStride, op, value)
            : new(LabelLanes.Widen(LabelLanes.Compare(LabelLanes.LoadTwo(labels, labelOffset), op, value)).AsDouble());

    // ---- arithmetic ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 operator +(D128 a, D128 b) => new(a.Value + b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 operator -(D128 a, D128 b) => new(a.Value - b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 operator *(D128 a, D128 b) => new(a.Value * b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 operator /(D128 a, D128 b) => new(a.Value / b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 operator -(D128 a) => new(-a.Value);

    /// <summary>Fused on FMA hardware; a separate multiply and add elsewhere (never a slow software fma).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 MultiplyAdd(D128 a, D128 b, D128 c) => new(Vector128.MultiplyAddEstimate(a.Value, b.Value, c.Value));

    // ---- pointwise math ----

    /// <summary>IEEE 754-2019 maximum: NaN propagates, +0 beats -0 (as <see cref="Math.Max(double, double)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 Max(D128 a, D128 b) => new(Vector128.Max(a.Value, b.Value));

    /// <summary>IEEE 754-2019 minimum: NaN propagates, -0 beats +0 (as <see cref="Math.Min(double, double)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 Min(D128 a, D128 b) => new(Vector128.Min(a.Value, b.Value));

    /// <summary>See <see cref="ILanes{TSelf, T}.RunningMax"/>: vmax (the second operand where unordered).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 RunningMax(D128 acc, D128 x) => new(Vector128.MaxNative(acc.Value, x.Value));

    /// <summary>See <see cref="ILanes{TSelf, T}.RunningMin"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 RunningMin(D128 acc, D128 x) => new(Vector128.MinNative(acc.Value, x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 Abs(D128 x) => new(Vector128.Abs(x.Value));

    /// <summary>±1 with the sign bit of x, +0 at ±0, NaN for NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 Sign(D128 x)
    {
        Vector128<double> v = x.Value;
        Vector128<double> unit = (v & Vector128.Create(-0.0)) | Vector128<double>.One;
        Vector128<double> signOrZero = Vector128.AndNot(unit, Vector128.Equals(v, Vector128<double>.Zero));
        return new(Vector128.ConditionalSelect(Vector128.Equals(v, v), signOrZero, v));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 Sqrt(D128 x) => new(Vector128.Sqrt(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 Exp(D128 x) => VectorMathD.Exp(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 Log(D128 x) => VectorMathD.Log(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 Tanh(D128 x) => VectorMathD.Tanh(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 Sigmoid(D128 x) => VectorMath.Sigmoid<D128, double>(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 Softplus(D128 x) => VectorMath.Softplus<D128, double>(x);

    // ---- masks ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 Equal(D128 a, D128 b) => new(Vector128.Equals(a.Value, b.Value));

    /// <summary>Set where a ≠ b, including where either is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 NotEqual(D128 a, D128 b) => new(~Vector128.Equals(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 LessThan(D128 a, D128 b) => new(Vector128.LessThan(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 LessThanOrEqual(D128 a, D128 b) => new(Vector128.LessThanOrEqual(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 GreaterThan(D128 a, D128 b) => new(Vector128.GreaterThan(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 GreaterThanOrEqual(D128 a, D128 b) => new(Vector128.GreaterThanOrEqual(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 And(D128 maskA, D128 maskB) => new(maskA.Value & maskB.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 Or(D128 maskA, D128 maskB) => new(maskA.Value | maskB.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 Not(D128 mask) => new(~mask.Value);

    /// <remarks>
    /// Compares the lane number with <c>value - start</c> instead of adding start to every lane; the
    /// difference is computed in 64 bits and clamped to [-1, Count], which changes no comparison
    /// with a lane number in [0, Count) and so cannot overflow for any start and value.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 IndexMask(int start, IndexComparison op, int value)
    {
        Vector128<long> lane = Vector128<long>.Indices;
        Vector128<long> bound = Vector128.Create(Math.Clamp((long)value - start, -1, Count));
        Vector128<long> mask = op switch
        {
            IndexComparison.Equal => Vector128.Equals(lane, bound),
            IndexComparison.NotEqual => ~Vector128.Equals(lane, bound),
            IndexComparison.Less => Vector128.LessThan(lane, bound),
            IndexComparison.LessOrEqual => Vector128.LessThanOrEqual(lane, bound),
            IndexComparison.Greater => Vector128.GreaterThan(lane, bound),
            IndexComparison.GreaterOrEqual => Vector128.GreaterThanOrEqual(lane, bound),
            _ => LaneThrow.UnknownComparison<Vector128<long>>(op),
        };
        return new(mask.AsDouble());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 FirstLanes(int count) =>
        new(Vector128.LessThan(Vector128<long>.Indices, Vector128.Create((long)count)).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 Select(D128 mask, D128 ifTrue, D128 ifFalse) =>
        new(Vector128.ConditionalSelect(mask.Value, ifTrue.Value, ifFalse.Value));

    // ---- horizontal ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(D128 x) => Vector128.Sum(x.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MaxAcross(D128 x) => Horizontal.Max(x.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MinAcross(D128 x) => Horizontal.Min(x.Value);

    // ---- lane indices ----

    /// <remarks>Lanes past an int's range (only in a masked tail past the end) are never selected.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 Indices(int start) => new((Vector128.Create((long)start) + Vector128<long>.Indices).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 IndexSplat(int index) => new(Vector128.Create((long)index).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D128 IndexEqual(D128 indices, int index) => new(Vector128.Equals(indices.Value.AsInt64(), Vector128.Create((long)index)).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstIndexOfMax(D128 extremes, D128 indices) => HorizontalArg.First(extremes.Value, indices.Value.AsInt64(), max: true);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstIndexOfMin(D128 extremes, D128 indices) => HorizontalArg.First(extremes.Value, indices.Value.AsInt64(), max: false);

    // ---- exponent bits (see IExponentBits) ----

    /// <remarks>
    /// MinNative/MaxNative are single min/max instructions. On x86 they return their second operand
    /// when either is NaN, so x goes second to let a NaN through; Arm's fmin/fmax propagate NaN.
    /// (The IEEE <c>Min</c>/<c>Max</c> cost two fix-up instructions each on AVX-512.)
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static D128 IExponentBits<D128>.ClampKeepNaN(D128 x, D128 low, D128 high) =>
        new(Vector128.MaxNative(low.Value, Vector128.MinNative(high.Value, x.Value)));

    /// <remarks>
    /// AVX-512 has this as one instruction (vscalef), which rounds once and handles overflow and
    /// subnormal results. Elsewhere 2^k is applied as two normal powers of two, 2^k1·2^k2 with
    /// k1 = round(k/2), so only the last multiply can round into the subnormal range.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static D128 IExponentBits<D128>.ScaleByPow2(D128 p, D128 k)
    {
        if (Avx512F.VL.IsSupported)
        {
            return new(Avx512F.VL.Scale(p.Value, k.Value));
        }
        Vector128<double> shifter = Vector128.Create(FloatBits.DoubleShifter);
        Vector128<double> k1 = Vector128.MultiplyAddEstimate(k.Value, Vector128.Create(0.5), shifter) - shifter;
        return new(p.Value * Pow2(k1) * Pow2(k.Value - k1));
    }

    /// <remarks>
    /// Adding 1.5·2^52 puts the integer k in the low mantissa bits, so k + 1023 lands in the exponent
    /// field with one 64-bit add and shift: no double→long convert, which before AVX-512DQ is a
    /// software sequence.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> Pow2(Vector128<double> k)
    {
        Vector128<long> shifted = (k + Vector128.Create(FloatBits.DoubleShifter)).AsInt64();
        return Vector128.ShiftLeft(shifted + Vector128.Create(FloatBits.DoublePow2Offset), 52).AsDouble();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static D128 IExponentBits<D128>.ReducedMantissa(D128 x)
    {
        Vector128<long> rebased = x.Value.AsInt64() - Vector128.Create(FloatBits.DoubleSqrtHalfBits);
        return new(((rebased & Vector128.Create(FloatBits.DoubleMantissaMask)) + Vector128.Create(FloatBits.DoubleSqrtHalfBits)).AsDouble());
    }

    /// <remarks>
    /// A logical shift of the biased field and the 2^52 trick turn the exponent into a double
    /// without a 64-bit arithmetic shift or a long→double convert (both need AVX-512).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static D128 IExponentBits<D128>.ReducedExponent(D128 x)
    {
        Vector128<long> rebased = x.Value.AsInt64() - Vector128.Create(FloatBits.DoubleSqrtHalfBits);
        Vector128<long> biased = Vector128.ShiftRightLogical(rebased + Vector128.Create(FloatBits.DoubleExponentBias), 52);
        Vector128<double> twoPow52PlusBiased = (biased | Vector128.Create(FloatBits.DoubleTwoPow52Bits)).AsDouble();
        return new(twoPow52PlusBiased - Vector128.Create(FloatBits.DoubleExponentUnbias));
    }
}
