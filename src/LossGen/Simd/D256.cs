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

/// <summary>Four double lanes in one <see cref="Vector256{T}"/> (AVX).</summary>
/// <remarks>
/// A single-field readonly struct so the JIT keeps it in a register. Partial memory members use, in
/// order of preference: the AVX-512VL masked move (<c>vmovupd ymm/xmm</c> with a k-mask, as cheap as
/// a full move), the AVX <c>vmaskmovpd</c> (masked-off lanes are neither read nor written and
/// cannot fault, but the store form is slower on some AMD cores), and without either an in-bounds
/// full load plus mask when the span has room, else a per-element loop. Both masked forms are exact
/// at the very end of a span.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct D256 : ILanes<D256, double>, IExponentBits<D256>
{
    /// <summary>The lanes.</summary>
    public readonly Vector256<double> Value;

    /// <summary>Wraps <paramref name="value"/>, one lane per element.</summary>
    /// <param name="value">The lanes.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public D256(Vector256<double> value) => Value = value;

    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256<double>.Count;
    }

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256.IsHardwareAccelerated;
    }

    /// <inheritdoc/>
    public static D256 Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector256<double>.Zero);
    }

    /// <inheritdoc/>
    public static D256 One
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector256<double>.One);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 Splat(double value) => new(Vector256.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Narrow(double value) => value;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Widen(double value) => value;

    // ---- memory ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 Load(ReadOnlySpan<double> source, int offset)
    {
        Debug.Assert(offset >= 0 && source.Length - offset >= Count);
        return new(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)offset));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe D256 LoadPartial(ReadOnlySpan<double> source, int offset, int count)
    {
        Debug.Assert(offset >= 0 && count >= 0 && count <= Count && source.Length - offset >= count);
        ref double start = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), (nint)offset);
        Vector256<double> mask = FirstLanes(count).Value;
        if (Avx512F.VL.IsSupported)
        {
            fixed (double* p = &start)
            {
                return new(Avx512F.VL.MaskLoad(p, mask, Vector256<double>.Zero));
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
            return new(Vector256.LoadUnsafe(ref start) & mask);
        }
        return new(PartialMemory.Load<Vector256<double>, double>(ref start, count));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Span<double> destination, int offset, D256 value)
    {
        Debug.Assert(offset >= 0 && destination.Length - offset >= Count);
        value.Value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)offset);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void StorePartial(Span<double> destination, int offset, int count, D256 value)
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
    public static void AddTo(Span<double> destination, int offset, D256 value)
    {
        Debug.Assert(offset >= 0 && destination.Length - offset >= Count);
        ref double start = ref MemoryMarshal.GetReference(destination);
        (Vector256.LoadUnsafe(ref start, (nuint)offset) + value.Value).StoreUnsafe(ref start, (nuint)offset);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddToPartial(Span<double> destination, int offset, int count, D256 value) =>
        StorePartial(destination, offset, count, LoadPartial(destination, offset, count) + value);

    // ---- rows across lanes (the other members keep the interface's lane-by-lane defaults) ----

    /// <summary>One AVX2 gather; lane by lane without AVX2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe D256 LoadStrided(ReadOnlySpan<double> source, int offset, int stride)
    {
        if (!Avx2.IsSupported)
        {
            return LaneDefaults.LoadStrided<D256, double>(source, offset, stride);
        }
        Vector128<int> index = Vector128<int>.Indices * stride;
        fixed (double* p = &MemoryMarshal.GetReference(source))
        {
            double* first = p + offset;
            return new(Avx2.GatherVector256(first, index, 8));
        }
    }

    /// <summary>As <see cref="LoadStrided"/>, each lane's index shifted by its label times scale.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe D256 LoadLabeled(ReadOnlySpan<double> source, int offset, int stride, ReadOnlySpan<int> labels, int labelOffset, int labelStride, int scale)
    {
        if (!Avx2.IsSupported || labelStride != 1)
        {
            return LaneDefaults.LoadLabeled<D256, double>(source, offset, stride, labels, labelOffset, labelStride, scale);
        }
        Vector128<int> index = Vector128<int>.Indices * stride + LabelLanes.Load128(labels, labelOffset) * scale;
        fixed (double* p = &MemoryMarshal.GetReference(source))
        {
            double* first = p + offset;
            return new(Avx2.GatherVector256(first, index, 8));
        }
    }

    /// <summary>Consecutive labels (the usual y[i]) compare as one integer vector (see <see cref="LabelLanes"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 LabelMask(ReadOnlySpan<int> labels, int labelOffset, int labelStride, IndexComparison op, int value) =>
        labelStride != 1
            ? LaneDefaults.LabelMask<D256, double>(labels, labelOffset, labelStride, op, value)
            : new(LabelLanes.Widen256(LabelLanes.Compare(LabelLanes.Load128(labels, labelOffset), op, value)).AsDouble());

    // ---- arithmetic ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 operator +(D256 a, D256 b) => new(a.Value + b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 operator -(D256 a, D256 b) => new(a.Value - b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 operator *(D256 a, D256 b) => new(a.Value * b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 operator /(D256 a, D256 b) => new(a.Value / b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 operator -(D256 a) => new(-a.Value);

    /// <summary>Fused on FMA hardware; a separate multiply and add elsewhere (never a slow software fma).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 MultiplyAdd(D256 a, D256 b, D256 c) => new(Vector256.MultiplyAddEstimate(a.Value, b.Value, c.Value));

    // ---- pointwise math ----

    /// <summary>IEEE 754-2019 maximum: NaN propagates, +0 beats -0 (as <see cref="Math.Max(double, double)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 Max(D256 a, D256 b) => new(Vector256.Max(a.Value, b.Value));

    /// <summary>IEEE 754-2019 minimum: NaN propagates, -0 beats +0 (as <see cref="Math.Min(double, double)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 Min(D256 a, D256 b) => new(Vector256.Min(a.Value, b.Value));

    /// <summary>See <see cref="ILanes{TSelf, T}.RunningMax"/>: vmax (the second operand where unordered).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 RunningMax(D256 acc, D256 x) => new(Vector256.MaxNative(acc.Value, x.Value));

    /// <summary>See <see cref="ILanes{TSelf, T}.RunningMin"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 RunningMin(D256 acc, D256 x) => new(Vector256.MinNative(acc.Value, x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 Abs(D256 x) => new(Vector256.Abs(x.Value));

    /// <summary>±1 with the sign bit of x, +0 at ±0, NaN for NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 Sign(D256 x)
    {
        Vector256<double> v = x.Value;
        Vector256<double> unit = (v & Vector256.Create(-0.0)) | Vector256<double>.One;
        Vector256<double> signOrZero = Vector256.AndNot(unit, Vector256.Equals(v, Vector256<double>.Zero));
        return new(Vector256.ConditionalSelect(Vector256.Equals(v, v), signOrZero, v));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 Sqrt(D256 x) => new(Vector256.Sqrt(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 Exp(D256 x) => VectorMathD.Exp(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 Log(D256 x) => VectorMathD.Log(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 Tanh(D256 x) => VectorMathD.Tanh(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 Sigmoid(D256 x) => VectorMath.Sigmoid<D256, double>(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 Softplus(D256 x) => VectorMath.Softplus<D256, double>(x);

    // ---- masks ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 Equal(D256 a, D256 b) => new(Vector256.Equals(a.Value, b.Value));

    /// <summary>Set where a ≠ b, including where either is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 NotEqual(D256 a, D256 b) => new(~Vector256.Equals(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 LessThan(D256 a, D256 b) => new(Vector256.LessThan(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 LessThanOrEqual(D256 a, D256 b) => new(Vector256.LessThanOrEqual(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 GreaterThan(D256 a, D256 b) => new(Vector256.GreaterThan(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 GreaterThanOrEqual(D256 a, D256 b) => new(Vector256.GreaterThanOrEqual(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 And(D256 maskA, D256 maskB) => new(maskA.Value & maskB.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 Or(D256 maskA, D256 maskB) => new(maskA.Value | maskB.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 Not(D256 mask) => new(~mask.Value);

    /// <remarks>
    /// Compares the lane number with <c>value - start</c> instead of adding start to every lane; the
    /// difference is computed in 64 bits and clamped to [-1, Count], which changes no comparison
    /// with a lane number in [0, Count) and so cannot overflow for any start and value.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 IndexMask(int start, IndexComparison op, int value)
    {
        Vector256<long> lane = Vector256<long>.Indices;
        Vector256<long> bound = Vector256.Create(Math.Clamp((long)value - start, -1, Count));
        Vector256<long> mask = op switch
        {
            IndexComparison.Equal => Vector256.Equals(lane, bound),
            IndexComparison.NotEqual => ~Vector256.Equals(lane, bound),
            IndexComparison.Less => Vector256.LessThan(lane, bound),
            IndexComparison.LessOrEqual => Vector256.LessThanOrEqual(lane, bound),
            IndexComparison.Greater => Vector256.GreaterThan(lane, bound),
            IndexComparison.GreaterOrEqual => Vector256.GreaterThanOrEqual(lane, bound),
            _ => LaneThrow.UnknownComparison<Vector256<long>>(op),
        };
        return new(mask.AsDouble());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 FirstLanes(int count) =>
        new(Vector256.LessThan(Vector256<long>.Indices, Vector256.Create((long)count)).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 Select(D256 mask, D256 ifTrue, D256 ifFalse) =>
        new(Vector256.ConditionalSelect(mask.Value, ifTrue.Value, ifFalse.Value));

    // ---- horizontal ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(D256 x) => Vector256.Sum(x.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MaxAcross(D256 x) => Horizontal.Max(x.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MinAcross(D256 x) => Horizontal.Min(x.Value);

    // ---- lane indices ----

    /// <remarks>Lanes past an int's range (only in a masked tail past the end) are never selected.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 Indices(int start) => new((Vector256.Create((long)start) + Vector256<long>.Indices).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 IndexSplat(int index) => new(Vector256.Create((long)index).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D256 IndexEqual(D256 indices, int index) => new(Vector256.Equals(indices.Value.AsInt64(), Vector256.Create((long)index)).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstIndexOfMax(D256 extremes, D256 indices) => HorizontalArg.First(extremes.Value, indices.Value.AsInt64(), max: true);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstIndexOfMin(D256 extremes, D256 indices) => HorizontalArg.First(extremes.Value, indices.Value.AsInt64(), max: false);

    // ---- exponent bits (see IExponentBits) ----

    /// <remarks>
    /// MinNative/MaxNative are single min/max instructions. On x86 they return their second operand
    /// when either is NaN, so x goes second to let a NaN through; Arm's fmin/fmax propagate NaN.
    /// (The IEEE <c>Min</c>/<c>Max</c> cost two fix-up instructions each on AVX-512.)
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static D256 IExponentBits<D256>.ClampKeepNaN(D256 x, D256 low, D256 high) =>
        new(Vector256.MaxNative(low.Value, Vector256.MinNative(high.Value, x.Value)));

    /// <remarks>
    /// AVX-512 has this as one instruction (vscalef), which rounds once and handles overflow and
    /// subnormal results. Elsewhere 2^k is applied as two normal powers of two, 2^k1·2^k2 with
    /// k1 = round(k/2), so only the last multiply can round into the subnormal range.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static D256 IExponentBits<D256>.ScaleByPow2(D256 p, D256 k)
    {
        if (Avx512F.VL.IsSupported)
        {
            return new(Avx512F.VL.Scale(p.Value, k.Value));
        }
        Vector256<double> shifter = Vector256.Create(FloatBits.DoubleShifter);
        Vector256<double> k1 = Vector256.MultiplyAddEstimate(k.Value, Vector256.Create(0.5), shifter) - shifter;
        return new(p.Value * Pow2(k1) * Pow2(k.Value - k1));
    }

    /// <remarks>
    /// Adding 1.5·2^52 puts the integer k in the low mantissa bits, so k + 1023 lands in the exponent
    /// field with one 64-bit add and shift: no double→long convert, which before AVX-512DQ is a
    /// software sequence.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Pow2(Vector256<double> k)
    {
        Vector256<long> shifted = (k + Vector256.Create(FloatBits.DoubleShifter)).AsInt64();
        return Vector256.ShiftLeft(shifted + Vector256.Create(FloatBits.DoublePow2Offset), 52).AsDouble();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static D256 IExponentBits<D256>.ReducedMantissa(D256 x)
    {
        Vector256<long> rebased = x.Value.AsInt64() - Vector256.Create(FloatBits.DoubleSqrtHalfBits);
        return new(((rebased & Vector256.Create(FloatBits.DoubleMantissaMask)) + Vector256.Create(FloatBits.DoubleSqrtHalfBits)).AsDouble());
    }

    /// <remarks>
    /// A logical shift of the biased field and the 2^52 trick turn the exponent into a double
    /// without a 64-bit arithmetic shift or a long→double convert (both need AVX-512).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static D256 IExponentBits<D256>.ReducedExponent(D256 x)
    {
        Vector256<long> rebased = x.Value.AsInt64() - Vector256.Create(FloatBits.DoubleSqrtHalfBits);
        Vector256<long> biased = Vector256.ShiftRightLogical(rebased + Vector256.Create(FloatBits.DoubleExponentBias), 52);
        Vector256<double> twoPow52PlusBiased = (biased | Vector256.Create(FloatBits.DoubleTwoPow52Bits)).AsDouble();
        return new(twoPow52PlusBiased - Vector256.Create(FloatBits.DoubleExponentUnbias));
    }
}
