using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LossGen.CompilerServices;

/// <summary>Eight double lanes in one <see cref="Vector512{T}"/> (AVX-512).</summary>
/// <remarks>
/// A single-field readonly struct so the JIT keeps it in a register. Partial memory members use the
/// AVX-512 masked move (<c>vmovupd</c> with a k-mask): masked-off lanes are neither read nor written
/// and cannot fault, so it is exact at the end of a span and costs the same as a full move.
/// Without AVX-512 they fall back to an in-bounds full load plus mask when the span has room, and
/// to a per-element loop otherwise.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct D512 : ILanes<D512, double>, IExponentBits<D512>
{
    /// <summary>The lanes.</summary>
    public readonly Vector512<double> Value;

    /// <summary>Wraps <paramref name="value"/>, one lane per element.</summary>
    /// <param name="value">The lanes.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public D512(Vector512<double> value) => Value = value;

    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512<double>.Count;
    }

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.IsHardwareAccelerated;
    }

    /// <inheritdoc/>
    public static D512 Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector512<double>.Zero);
    }

    /// <inheritdoc/>
    public static D512 One
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector512<double>.One);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 Splat(double value) => new(Vector512.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Narrow(double value) => value;
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Widen(double value) => value;

    // ---- memory ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 Load(ReadOnlySpan<double> source, int offset)
    {
        Debug.Assert(offset >= 0 && source.Length - offset >= Count);
        return new(Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)offset));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe D512 LoadPartial(ReadOnlySpan<double> source, int offset, int count)
    {
        Debug.Assert(offset >= 0 && count >= 0 && count <= Count && source.Length - offset >= count);
        ref double start = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), (nint)offset);
        Vector512<double> mask = FirstLanes(count).Value;
        if (Avx512F.IsSupported)
        {
            fixed (double* p = &start)
            {
                return new(Avx512F.MaskLoad(p, mask, Vector512<double>.Zero));
            }
        }
        if (source.Length - offset >= Count)
        {
            return new(Vector512.LoadUnsafe(ref start) & mask);
        }
        return new(PartialMemory.Load<Vector512<double>, double>(ref start, count));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Span<double> destination, int offset, D512 value)
    {
        Debug.Assert(offset >= 0 && destination.Length - offset >= Count);
        value.Value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)offset);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void StorePartial(Span<double> destination, int offset, int count, D512 value)
    {
        Debug.Assert(offset >= 0 && count >= 0 && count <= Count && destination.Length - offset >= count);
        ref double start = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), (nint)offset);
        if (Avx512F.IsSupported)
        {
            fixed (double* p = &start)
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
    public static void AddTo(Span<double> destination, int offset, D512 value)
    {
        Debug.Assert(offset >= 0 && destination.Length - offset >= Count);
        ref double start = ref MemoryMarshal.GetReference(destination);
        (Vector512.LoadUnsafe(ref start, (nuint)offset) + value.Value).StoreUnsafe(ref start, (nuint)offset);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddToPartial(Span<double> destination, int offset, int count, D512 value) =>
        StorePartial(destination, offset, count, LoadPartial(destination, offset, count) + value);

    // ---- rows across lanes (the other members keep the interface's lane-by-lane defaults) ----

    /// <summary>Two AVX2 gathers of four lanes (.NET exposes no 512-bit gather); lane by lane without AVX2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe D512 LoadStrided(ReadOnlySpan<double> source, int offset, int stride)
    {
        if (!Avx2.IsSupported)
        {
            return LaneDefaults.LoadStrided<D512, double>(source, offset, stride);
        }
        Vector256<int> index = Vector256<int>.Indices * stride;
        fixed (double* p = &MemoryMarshal.GetReference(source))
        {
            double* first = p + offset;
            return new(Vector512.Create(Avx2.GatherVector256(first, index.GetLower(), 8), Avx2.GatherVector256(first, index.GetUpper(), 8)));
        }
    }

    /// <summary>As <see cref="LoadStrided"/>, each lane's index shifted by its label times scale.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe D512 LoadLabeled(ReadOnlySpan<double> source, int offset, int stride, ReadOnlySpan<int> labels, int labelOffset, int labelStride, int scale)
    {
        if (!Avx2.IsSupported || labelStride != 1)
        {
            return LaneDefaults.LoadLabeled<D512, double>(source, offset, stride, labels, labelOffset, labelStride, scale);
        }
        Vector256<int> index = Vector256<int>.Indices * stride + LabelLanes.Load256(labels, labelOffset) * scale;
        fixed (double* p = &MemoryMarshal.GetReference(source))
        {
            double* first = p + offset;
            return new(Vector512.Create(Avx2.GatherVector256(first, index.GetLower(), 8), Avx2.GatherVector256(first, index.GetUpper(), 8)));
        }
    }

    /// <summary>Consecutive labels (the usual y[i]) compare as one integer vector (see <see cref="LabelLanes"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 LabelMask(ReadOnlySpan<int> labels, int labelOffset, int labelStride, IndexComparison op, int value) =>
        labelStride != 1
            ? LaneDefaults.LabelMask<D512, double>(labels, labelOffset, labelStride, op, value)
            : new(LabelLanes.Widen512(LabelLanes.Compare(LabelLanes.Load256(labels, labelOffset), op, value)).AsDouble());

    // ---- arithmetic ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 operator +(D512 a, D512 b) => new(a.Value + b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 operator -(D512 a, D512 b) => new(a.Value - b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 operator *(D512 a, D512 b) => new(a.Value * b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 operator /(D512 a, D512 b) => new(a.Value / b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 operator -(D512 a) => new(-a.Value);

    /// <summary>Fused on FMA hardware; a separate multiply and add elsewhere (never a slow software fma).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 MultiplyAdd(D512 a, D512 b, D512 c) => new(Vector512.MultiplyAddEstimate(a.Value, b.Value, c.Value));

    // ---- pointwise math ----

    /// <summary>IEEE 754-2019 maximum: NaN propagates, +0 beats -0 (as <see cref="Math.Max(double, double)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 Max(D512 a, D512 b) => new(Vector512.Max(a.Value, b.Value));

    /// <summary>IEEE 754-2019 minimum: NaN propagates, -0 beats +0 (as <see cref="Math.Min(double, double)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 Min(D512 a, D512 b) => new(Vector512.Min(a.Value, b.Value));

    /// <summary>See <see cref="ILanes{TSelf, T}.RunningMax"/>: vmax (the second operand where unordered).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 RunningMax(D512 acc, D512 x) => new(Vector512.MaxNative(acc.Value, x.Value));

    /// <summary>See <see cref="ILanes{TSelf, T}.RunningMin"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 RunningMin(D512 acc, D512 x) => new(Vector512.MinNative(acc.Value, x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 Abs(D512 x) => new(Vector512.Abs(x.Value));

    /// <summary>±1 with the sign bit of x, +0 at ±0, NaN for NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 Sign(D512 x)
    {
        Vector512<double> v = x.Value;
        Vector512<double> unit = (v & Vector512.Create(-0.0)) | Vector512<double>.One;
        Vector512<double> signOrZero = Vector512.AndNot(unit, Vector512.Equals(v, Vector512<double>.Zero));
        return new(Vector512.ConditionalSelect(Vector512.Equals(v, v), signOrZero, v));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 Sqrt(D512 x) => new(Vector512.Sqrt(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 Exp(D512 x) => VectorMathD.Exp(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 Log(D512 x) => VectorMathD.Log(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 Tanh(D512 x) => VectorMathD.Tanh(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 Sigmoid(D512 x) => VectorMath.Sigmoid<D512, double>(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 Softplus(D512 x) => VectorMath.Softplus<D512, double>(x);

    // ---- masks ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 Equal(D512 a, D512 b) => new(Vector512.Equals(a.Value, b.Value));

    /// <summary>Set where a ≠ b, including where either is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 NotEqual(D512 a, D512 b) => new(~Vector512.Equals(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 LessThan(D512 a, D512 b) => new(Vector512.LessThan(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 LessThanOrEqual(D512 a, D512 b) => new(Vector512.LessThanOrEqual(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 GreaterThan(D512 a, D512 b) => new(Vector512.GreaterThan(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 GreaterThanOrEqual(D512 a, D512 b) => new(Vector512.GreaterThanOrEqual(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 And(D512 maskA, D512 maskB) => new(maskA.Value & maskB.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 Or(D512 maskA, D512 maskB) => new(maskA.Value | maskB.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 Not(D512 mask) => new(~mask.Value);

    /// <remarks>
    /// Compares the lane number with <c>value - start</c> instead of adding start to every lane; the
    /// difference is computed in 64 bits and clamped to [-1, Count], which changes no comparison
    /// with a lane number in [0, Count) and so cannot overflow for any start and value.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 IndexMask(int start, IndexComparison op, int value)
    {
        Vector512<long> lane = Vector512<long>.Indices;
        Vector512<long> bound = Vector512.Create(Math.Clamp((long)value - start, -1, Count));
        Vector512<long> mask = op switch
        {
            IndexComparison.Equal => Vector512.Equals(lane, bound),
            IndexComparison.NotEqual => ~Vector512.Equals(lane, bound),
            IndexComparison.Less => Vector512.LessThan(lane, bound),
            IndexComparison.LessOrEqual => Vector512.LessThanOrEqual(lane, bound),
            IndexComparison.Greater => Vector512.GreaterThan(lane, bound),
            IndexComparison.GreaterOrEqual => Vector512.GreaterThanOrEqual(lane, bound),
            _ => LaneThrow.UnknownComparison<Vector512<long>>(op),
        };
        return new(mask.AsDouble());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 FirstLanes(int count) =>
        new(Vector512.LessThan(Vector512<long>.Indices, Vector512.Create((long)count)).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 Select(D512 mask, D512 ifTrue, D512 ifFalse) =>
        new(Vector512.ConditionalSelect(mask.Value, ifTrue.Value, ifFalse.Value));

    // ---- horizontal ----

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(D512 x) => Vector512.Sum(x.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MaxAcross(D512 x) => Horizontal.Max(x.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MinAcross(D512 x) => Horizontal.Min(x.Value);

    // ---- lane indices ----

    /// <remarks>Lanes past an int's range (only in a masked tail past the end) are never selected.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 Indices(int start) => new((Vector512.Create((long)start) + Vector512<long>.Indices).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 IndexSplat(int index) => new(Vector512.Create((long)index).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static D512 IndexEqual(D512 indices, int index) => new(Vector512.Equals(indices.Value.AsInt64(), Vector512.Create((long)index)).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstIndexOfMax(D512 extremes, D512 indices) => HorizontalArg.First(extremes.Value, indices.Value.AsInt64(), max: true);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstIndexOfMin(D512 extremes, D512 indices) => HorizontalArg.First(extremes.Value, indices.Value.AsInt64(), max: false);

    // ---- exponent bits (see IExponentBits) ----

    /// <remarks>
    /// MinNative/MaxNative are single min/max instructions. On x86 they return their second operand
    /// when either is NaN, so x goes second to let a NaN through; Arm's fmin/fmax propagate NaN.
    /// (The IEEE <c>Min</c>/<c>Max</c> cost two fix-up instructions each on AVX-512.)
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static D512 IExponentBits<D512>.ClampKeepNaN(D512 x, D512 low, D512 high) =>
        new(Vector512.MaxNative(low.Value, Vector512.MinNative(high.Value, x.Value)));

    /// <remarks>
    /// AVX-512 has this as one instruction (vscalef), which rounds once and handles overflow and
    /// subnormal results. Elsewhere 2^k is applied as two normal powers of two, 2^k1·2^k2 with
    /// k1 = round(k/2), so only the last multiply can round into the subnormal range.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static D512 IExponentBits<D512>.ScaleByPow2(D512 p, D512 k)
    {
        if (Avx512F.IsSupported)
        {
            return new(Avx512F.Scale(p.Value, k.Value));
        }
        Vector512<double> shifter = Vector512.Create(FloatBits.DoubleShifter);
        Vector512<double> k1 = Vector512.MultiplyAddEstimate(k.Value, Vector512.Create(0.5), shifter) - shifter;
        return new(p.Value * Pow2(k1) * Pow2(k.Value - k1));
    }

    /// <remarks>
    /// Adding 1.5·2^52 puts the integer k in the low mantissa bits, so k + 1023 lands in the exponent
    /// field with one 64-bit add and shift: no double→long convert, which before AVX-512DQ is a
    /// software sequence.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Pow2(Vector512<double> k)
    {
        Vector512<long> shifted = (k + Vector512.Create(FloatBits.DoubleShifter)).AsInt64();
        return Vector512.ShiftLeft(shifted + Vector512.Create(FloatBits.DoublePow2Offset), 52).AsDouble();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static D512 IExponentBits<D512>.ReducedMantissa(D512 x)
    {
        Vector512<long> rebased = x.Value.AsInt64() - Vector512.Create(FloatBits.DoubleSqrtHalfBits);
        return new(((rebased & Vector512.Create(FloatBits.DoubleMantissaMask)) + Vector512.Create(FloatBits.DoubleSqrtHalfBits)).AsDouble());
    }

    /// <remarks>
    /// A logical shift of the biased field and the 2^52 trick turn the exponent into a double
    /// without a 64-bit arithmetic shift or a long→double convert (both need AVX-512).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static D512 IExponentBits<D512>.ReducedExponent(D512 x)
    {
        Vector512<long> rebased = x.Value.AsInt64() - Vector512.Create(FloatBits.DoubleSqrtHalfBits);
        Vector512<long> biased = Vector512.ShiftRightLogical(rebased + Vector512.Create(FloatBits.DoubleExponentBias), 52);
        Vector512<double> twoPow52PlusBiased = (biased | Vector512.Create(FloatBits.DoubleTwoPow52Bits)).AsDouble();
        return new(twoPow52PlusBiased - Vector512.Create(FloatBits.DoubleExponentUnbias));
    }
}
