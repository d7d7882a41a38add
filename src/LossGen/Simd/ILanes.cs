using System;
using System.ComponentModel;

namespace LossGen.CompilerServices;

/// <summary>How a lane's index compares with a value, for <see cref="ILanes{TSelf, T}.IndexMask"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum IndexComparison
{
    /// <summary>The index equals the value.</summary>
    Equal,
    /// <summary>The index differs from the value.</summary>
    NotEqual,
    /// <summary>The index is less than the value.</summary>
    Less,
    /// <summary>The index is less than or equal to the value.</summary>
    LessOrEqual,
    /// <summary>The index is greater than the value.</summary>
    Greater,
    /// <summary>The index is greater than or equal to the value.</summary>
    GreaterOrEqual,
}

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
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ILanes<TSelf, T>
    where TSelf : struct, ILanes<TSelf, T>
    where T : unmanaged
{
    /// <summary>The number of lanes.</summary>
    static abstract int Count { get; }

    /// <summary>Whether this width is accelerated on the running hardware.</summary>
    static abstract bool IsHardwareAccelerated { get; }

    /// <summary>Every lane +0 (also the all-clear mask, and index lanes holding 0).</summary>
    static abstract TSelf Zero { get; }
    /// <summary>Every lane 1.</summary>
    static abstract TSelf One { get; }

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TSelf Splat(T value);

    // ---- the element type and double ----
    // Kernels generic over the element type keep their per-row (uniform) values in double, as the
    // float and double kernels always have; these two are the only conversions they need.
    /// <summary>The element nearest to <paramref name="value"/>: rounded to float by the float lanes, itself for the double lanes.</summary>
    static abstract T Narrow(double value);
    /// <summary><paramref name="value"/> as a double, exactly.</summary>
    static abstract double Widen(T value);

    // ---- memory ----
    /// <summary>Lane k = <c>source[offset + k]</c>; the span must hold <see cref="Count"/> elements from <paramref name="offset"/>.</summary>
    static abstract TSelf Load(ReadOnlySpan<T> source, int offset);
    /// <summary>Lane k = <c>source[offset + k]</c> for k &lt; <paramref name="count"/>, +0 for the other lanes; reads no element past <c>offset + count</c>.</summary>
    static abstract TSelf LoadPartial(ReadOnlySpan<T> source, int offset, int count);
    /// <summary><c>destination[offset + k] = value[k]</c> for every lane.</summary>
    static abstract void Store(Span<T> destination, int offset, TSelf value);
    /// <summary><c>destination[offset + k] = value[k]</c> for k &lt; <paramref name="count"/>; elements past <c>offset + count</c> are neither read nor written.</summary>
    static abstract void StorePartial(Span<T> destination, int offset, int count, TSelf value);
    /// <summary><c>destination[offset + k] += value[k]</c> for every lane.</summary>
    static abstract void AddTo(Span<T> destination, int offset, TSelf value);
    /// <summary><c>destination[offset + k] += value[k]</c> for k &lt; <paramref name="count"/>; elements past <c>offset + count</c> are not written.</summary>
    static abstract void AddToPartial(Span<T> destination, int offset, int count, TSelf value);

    // ---- rows across lanes ----
    // Kernels that put one row per lane (a block of Count rows, see docs/architecture.md) read and
    // write column j of the block: lane l touches element offset + l·stride, optionally shifted by
    // that lane's label (offset + l·stride + labels[labelOffset + l·labelStride]·scale). The
    // defaults go lane by lane; wide types override the loads with hardware gathers.

    /// <summary>Lane l = <c>source[offset + l·stride]</c>.</summary>
    static virtual TSelf LoadStrided(ReadOnlySpan<T> source, int offset, int stride) =>
        LaneDefaults.LoadStrided<TSelf, T>(source, offset, stride);

    /// <summary><c>destination[offset + l·stride] = value[l]</c> for every lane (stride ≠ 0: lanes never collide).</summary>
    static virtual void StoreStrided(Span<T> destination, int offset, int stride, TSelf value) =>
        LaneDefaults.StoreStrided(destination, offset, stride, value);

    /// <summary><c>destination[offset + l·stride] += value[l]</c> for every lane (stride ≠ 0: lanes never collide).</summary>
    static virtual void AddToStrided(Span<T> destination, int offset, int stride, TSelf value) =>
        TSelf.StoreStrided(destination, offset, stride, TSelf.LoadStrided(destination, offset, stride) + value);

    /// <summary>Lane l = <c>source[offset + l·stride + labels[labelOffset + l·labelStride]·scale]</c>.</summary>
    static virtual TSelf LoadLabeled(ReadOnlySpan<T> source, int offset, int stride, ReadOnlySpan<int> labels, int labelOffset, int labelStride, int scale) =>
        LaneDefaults.LoadLabeled<TSelf, T>(source, offset, stride, labels, labelOffset, labelStride, scale);

    /// <summary>
    /// <c>destination[offset + l·stride + labels[…]·scale] += value[l]</c>, one lane after another:
    /// two lanes may name the same element (two rows with the same label), and both additions count.
    /// </summary>
    static virtual void AddToLabeled(Span<T> destination, int offset, int stride, ReadOnlySpan<int> labels, int labelOffset, int labelStride, int scale, TSelf value) =>
        LaneDefaults.AddToLabeled(destination, offset, stride, labels, labelOffset, labelStride, scale, value);

    /// <summary>
    /// Transposes a block of Count consecutive rows of <paramref name="rowLength"/> elements, starting
    /// at <paramref name="offset"/>, into <paramref name="tile"/>: <c>tile[j·Count + l] = source[offset + l·rowLength + j]</c>,
    /// so column j of the block is one contiguous vector.
    /// </summary>
    static virtual void LoadRowsTransposed(ReadOnlySpan<T> source, int offset, int rowLength, Span<T> tile) =>
        LaneDefaults.LoadRowsTransposed<TSelf, T>(source, offset, rowLength, tile);

    /// <summary>The inverse of <see cref="LoadRowsTransposed"/>: <c>destination[offset + l·rowLength + j] = tile[j·Count + l]</c>.</summary>
    static virtual void StoreRowsTransposed(Span<T> destination, int offset, int rowLength, ReadOnlySpan<T> tile) =>
        LaneDefaults.StoreRowsTransposed<TSelf, T>(destination, offset, rowLength, tile, add: false);

    /// <summary>As <see cref="StoreRowsTransposed"/>, adding to the destination.</summary>
    static virtual void AddRowsTransposed(Span<T> destination, int offset, int rowLength, ReadOnlySpan<T> tile) =>
        LaneDefaults.StoreRowsTransposed<TSelf, T>(destination, offset, rowLength, tile, add: true);

    /// <summary>Per lane: the mask set where <c>labels[labelOffset + l·labelStride] op value</c>.</summary>
    static virtual TSelf LabelMask(ReadOnlySpan<int> labels, int labelOffset, int labelStride, IndexComparison op, int value) =>
        LaneDefaults.LabelMask<TSelf, T>(labels, labelOffset, labelStride, op, value);

    // ---- arithmetic ----
    /// <summary>Lane-wise sum.</summary>
    static abstract TSelf operator +(TSelf a, TSelf b);
    /// <summary>Lane-wise difference.</summary>
    static abstract TSelf operator -(TSelf a, TSelf b);
    /// <summary>Lane-wise product.</summary>
    static abstract TSelf operator *(TSelf a, TSelf b);
    /// <summary>Lane-wise IEEE quotient (x/0 is ±∞ or NaN).</summary>
    static abstract TSelf operator /(TSelf a, TSelf b);
    /// <summary>Lane-wise negation (flips the sign bit, so -(+0) is -0).</summary>
    static abstract TSelf operator -(TSelf a);
    /// <summary><c>a * b + c</c>, fused where the hardware has it.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    // ---- pointwise math ----
    /// <summary>Per lane, the IEEE 754-2019 maximum: NaN propagates and +0 beats -0, as <see cref="Math.Max(double, double)"/>.</summary>
    static abstract TSelf Max(TSelf a, TSelf b);
    /// <summary>Per lane, the IEEE 754-2019 minimum: NaN propagates and -0 beats +0, as <see cref="Math.Min(double, double)"/>.</summary>
    static abstract TSelf Min(TSelf a, TSelf b);
    /// <summary>
    /// One step of a max reduction, the hardware's plain max: the larger of <paramref name="acc"/> and
    /// <paramref name="x"/> when neither is NaN (either zero when they are ±0). A NaN may or may not
    /// survive, so a reduction using it tracks its NaN lanes beside it. Unlike <see cref="Max"/> (three
    /// dependent instructions with AVX-512), a single instruction on the accumulator's chain.
    /// </summary>
    static virtual TSelf RunningMax(TSelf acc, TSelf x) => TSelf.Select(TSelf.GreaterThan(acc, x), acc, x);
    /// <summary>As <see cref="RunningMax"/>, the smaller.</summary>
    static virtual TSelf RunningMin(TSelf acc, TSelf x) => TSelf.Select(TSelf.LessThan(acc, x), acc, x);
    /// <summary>Per lane |x| (clears the sign bit; NaN stays NaN).</summary>
    static abstract TSelf Abs(TSelf x);
    /// <summary>-1, 0 or +1 (0 at ±0; NaN stays NaN).</summary>
    static abstract TSelf Sign(TSelf x);
    /// <summary>Per lane √x, correctly rounded (NaN for x &lt; 0, -0 at -0).</summary>
    static abstract TSelf Sqrt(TSelf x);
    /// <summary>Per lane e^x (overflows to +∞, underflows through the subnormals to 0; NaN stays NaN).</summary>
    static abstract TSelf Exp(TSelf x);
    /// <summary>Per lane ln x: −∞ at ±0, NaN for x &lt; 0, +∞ at +∞, NaN stays NaN.</summary>
    static abstract TSelf Log(TSelf x);
    /// <summary>Per lane tanh x: odd, exactly ±1 for large |x|, NaN stays NaN.</summary>
    static abstract TSelf Tanh(TSelf x);
    /// <summary>Per lane 1 / (1 + e^−x), never overflowing (0 and 1 in the far tails, NaN stays NaN).</summary>
    static abstract TSelf Sigmoid(TSelf x);
    /// <summary><c>log(1 + e^x)</c>, stable for large |x|.</summary>
    static abstract TSelf Softplus(TSelf x);

    // ---- masks ----
    /// <summary>The mask set where a = b (−0 equals +0; clear where either is NaN).</summary>
    static abstract TSelf Equal(TSelf a, TSelf b);
    /// <summary>The mask set where a ≠ b, including where either is NaN (the complement of <see cref="Equal"/>).</summary>
    static abstract TSelf NotEqual(TSelf a, TSelf b);
    /// <summary>The mask set where a &lt; b (clear where either is NaN).</summary>
    static abstract TSelf LessThan(TSelf a, TSelf b);
    /// <summary>The mask set where a ≤ b (clear where either is NaN).</summary>
    static abstract TSelf LessThanOrEqual(TSelf a, TSelf b);
    /// <summary>The mask set where a &gt; b (clear where either is NaN).</summary>
    static abstract TSelf GreaterThan(TSelf a, TSelf b);
    /// <summary>The mask set where a ≥ b (clear where either is NaN).</summary>
    static abstract TSelf GreaterThanOrEqual(TSelf a, TSelf b);
    /// <summary>Bitwise and of two masks: set where both are set.</summary>
    static abstract TSelf And(TSelf maskA, TSelf maskB);
    /// <summary>Bitwise or of two masks: set where either is set.</summary>
    static abstract TSelf Or(TSelf maskA, TSelf maskB);
    /// <summary>Bitwise complement of a mask.</summary>
    static abstract TSelf Not(TSelf mask);
    /// <summary>Per lane: the mask set where <c>(start + lane) op value</c>.</summary>
    static abstract TSelf IndexMask(int start, IndexComparison op, int value);
    /// <summary>The mask with lanes <c>[0, count)</c> set.</summary>
    static abstract TSelf FirstLanes(int count);
    /// <summary>Per lane: <paramref name="mask"/> ? <paramref name="ifTrue"/> : <paramref name="ifFalse"/>.</summary>
    static abstract TSelf Select(TSelf mask, TSelf ifTrue, TSelf ifFalse);

    // ---- horizontal ----
    /// <summary>The sum of all lanes (the order of the additions is the implementation's, so rounding may differ between widths).</summary>
    static abstract T Sum(TSelf x);
    /// <summary>The largest lane, by IEEE maximum: NaN in any lane gives NaN.</summary>
    static abstract T MaxAcross(TSelf x);
    /// <summary>The smallest lane, by IEEE minimum: NaN in any lane gives NaN.</summary>
    static abstract T MinAcross(TSelf x);

    // ---- lane indices (arg-max / arg-min) ----
    // A Max/Min reduction whose gradient needs the selected element keeps, next to its running
    // extremes, the index where each lane reached its extreme. Such index lanes hold integers in
    // the lanes' bits (an int per float lane, a long per double lane, so every int index is
    // exact), not T values: only Select moves them, and only FirstIndexOfMax/Min read them.

    /// <summary>Index lanes holding <c>start + lane</c> (Zero holds index 0 in every lane).</summary>
    static abstract TSelf Indices(int start);

    /// <summary>Index lanes holding <paramref name="index"/> in every lane (a rows-across-lanes block records one per row).</summary>
    static abstract TSelf IndexSplat(int index);

    /// <summary>The mask of the lanes whose index lane holds <paramref name="index"/>.</summary>
    static abstract TSelf IndexEqual(TSelf indices, int index);

    /// <summary>
    /// Where the largest of <paramref name="extremes"/> is first reached: the smallest of the index
    /// lanes <paramref name="indices"/> among the lanes holding that largest value (−0 and +0 equal).
    /// Unspecified when a lane is NaN.
    /// </summary>
    static abstract int FirstIndexOfMax(TSelf extremes, TSelf indices);

    /// <summary>As <see cref="FirstIndexOfMax"/>, for the smallest value.</summary>
    static abstract int FirstIndexOfMin(TSelf extremes, TSelf indices);
}
