using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LossGen.Optimization;
using LossGen.Training;

namespace LossGen.CompilerServices;

/// <summary>
/// What generated trainer adapters (an optimizer's <c>Optimizer&lt;T&gt;</c>, a loss's
/// <c>Objective&lt;T&gt;</c>) call: element-type routing, state slicing, row gathering and the
/// argument checks, each throwing an exception that names the parameter and the sizes.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AdapterSupport
{
    /// <summary>Whether <typeparamref name="T"/> is float; a JIT-time constant for value types, so each specialisation keeps one branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsFloat<T>() => typeof(T) == typeof(float);

    /// <summary>Reinterprets a span of <typeparamref name="T"/> (float or double) as the concrete type.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<TTo> As<T, TTo>(Span<T> span)
        where T : struct
        where TTo : struct => MemoryMarshal.Cast<T, TTo>(span);

    /// <inheritdoc cref="As{T, TTo}(Span{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<TTo> As<T, TTo>(ReadOnlySpan<T> span)
        where T : struct
        where TTo : struct => MemoryMarshal.Cast<T, TTo>(span);

    /// <summary>Thrown at construction, so an element type without kernels fails before any training.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static void RequireFloatOrDouble<T>(string what)
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
            throw new NotSupportedException($"{what} has generated kernels for float and double only, not {typeof(T).Name}.");
    }

    /// <summary>A <c>default(...)</c> adapter has no hyper-parameters set; it is refused rather than silently not learning.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="constructed"/> is false.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireConstructed(bool constructed, string what)
    {
        if (!constructed) throw NotConstructed(what);
    }

    /// <summary>The exception <see cref="RequireConstructed"/> throws, for callers that need it as an expression.</summary>
    public static InvalidOperationException NotConstructed(string what) =>
        new($"This {what} is default(...): build it with a constructor so its hyper-parameters and data are set.");

    /// <summary>Validates a penalty that implements both element types' interfaces without boxing it.</summary>
    /// <exception cref="ArgumentException">The penalty's coefficients are invalid.</exception>
    public static void ValidatePenalty<TPenalty>(in TPenalty penalty)
        where TPenalty : struct, IElementwiseRegularizer<double> => penalty.Validate();

    /// <summary>The <paramref name="index"/>-th of <paramref name="count"/> equal state buffers of one element per weight.</summary>
    /// <exception cref="ArgumentException">The state does not hold exactly <paramref name="count"/> × <paramref name="weights"/> elements.</exception>
    public static Span<T> StateSlice<T>(Span<T> state, int weights, int index, int count)
    {
        RequireStateLength(state.Length, weights, count);
        return state.Slice(index * weights, weights);
    }

    /// <summary>The flat state buffer must hold <paramref name="count"/> buffers of one element per weight.</summary>
    /// <exception cref="ArgumentException">It does not.</exception>
    public static void RequireStateLength(int stateLength, int weights, int count)
    {
        if (stateLength != (long)weights * count)
            throw new ArgumentException(
                $"'state' has length {stateLength}; {count} state buffer(s) for {weights} weights need {(long)count * weights}.", "state");
    }

    /// <summary>
    /// A rule with no learning rate to scale cannot follow a schedule: a multiplier other than 1 is
    /// refused instead of ignored.
    /// </summary>
    /// <exception cref="ArgumentException">The multiplier is not 1.</exception>
    public static void RequireUnitMultiplier(double learningRateMultiplier, string rule)
    {
        if (learningRateMultiplier != 1)
            throw new ArgumentException(
                $"{rule} has no hyper-parameter named lr, learningRate or scheduleMultiplier, so a schedule cannot scale it; "
                + $"learningRateMultiplier = {learningRateMultiplier} (use a constant schedule).", nameof(learningRateMultiplier));
    }

    /// <summary>A span given to a trainer adapter must have the length its layout asks for.</summary>
    /// <exception cref="ArgumentException">It has another length.</exception>
    public static void RequireLength(int length, int expected, string parameter, string what)
    {
        if (length != expected)
            throw new ArgumentException($"'{parameter}' has length {length}; {what} needs {expected}.", parameter);
    }

    /// <summary>The number of elements of a tensor whose dimensions are already checked not negative.</summary>
    /// <exception cref="ArgumentException">The product exceeds <see cref="int.MaxValue"/>.</exception>
    public static int Elements(string tensor, ReadOnlySpan<int> dims)
    {
        long product = 1;
        foreach (int size in dims)
        {
            product *= size;
            if (product > int.MaxValue)
                throw new ArgumentException($"{tensor} has more than {int.MaxValue} elements.", tensor);
        }

        return (int)product;
    }

    /// <summary>Every row index must name a row of the training set, and the batch must not be empty.</summary>
    /// <exception cref="ArgumentException">The batch is empty or an index is outside <c>[0, rowCount)</c>.</exception>
    public static void RequireRows(ReadOnlySpan<int> rows, int rowCount)
    {
        if (rows.IsEmpty)
            throw new ArgumentException("The batch is empty: rows has no indices.", nameof(rows));
        for (int i = 0; i < rows.Length; i++)
        {
            if ((uint)rows[i] >= (uint)rowCount)
                throw new ArgumentException($"rows[{i}] = {rows[i]} is outside [0, {rowCount}).", nameof(rows));
        }
    }

    /// <summary>
    /// Copies the given rows (each <paramref name="rowLength"/> elements) of a row-major source into
    /// <paramref name="scratch"/>, growing it to the largest batch seen, so steps of a steady batch
    /// size allocate nothing. The rows must already be checked (<see cref="RequireRows"/>).
    /// </summary>
    public static ReadOnlySpan<T> Gather<T>(ReadOnlySpan<T> source, int rowLength, ReadOnlySpan<int> rows, ref T[] scratch)
    {
        int length = rows.Length * rowLength;
        if (scratch.Length < length) scratch = new T[length];
        Span<T> target = scratch.AsSpan(0, length);
        int degree = Parallelism.CurrentDegree;
        int parts = RuntimeHelpers.IsReferenceOrContainsReferences<T>() ? 1 : RowGather.Parts((long)length * Unsafe.SizeOf<T>(), rows.Length, degree);
        if (parts > 1)
        {
            RowGather.Run(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(source)), rowLength * Unsafe.SizeOf<T>(), rows,
                ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(target)), parts, degree);
            return target;
        }
        for (int i = 0; i < rows.Length; i++)
            source.Slice(rows[i] * rowLength, rowLength).CopyTo(target.Slice(i * rowLength, rowLength));
        return target;
    }

    /// <summary>
    /// Checks the ranges a penalty applies to: each inside <c>[0, parameterCount)</c>, sorted and
    /// disjoint, so the fused and the plain steps together touch every weight exactly once.
    /// </summary>
    /// <exception cref="ArgumentException">A range ends beyond the parameters, or two ranges overlap or are out of order.</exception>
    public static void RequireRanges(ReadOnlySpan<ParameterRange> ranges, int parameterCount)
    {
        int end = 0;
        for (int k = 0; k < ranges.Length; k++)
        {
            if (ranges[k].Offset < end)
                throw new ArgumentException(
                    $"ranges[{k}] = {ranges[k]} starts before the end of ranges[{k - 1}] ({end}); ranges must be sorted and disjoint.", "ranges");
            if (ranges[k].End > parameterCount)
                throw new ArgumentException($"ranges[{k}] = {ranges[k]} ends beyond the {parameterCount} parameters.", "ranges");
            end = ranges[k].End;
        }
    }
}
