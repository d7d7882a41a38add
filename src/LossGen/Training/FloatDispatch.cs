using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LossGen.Training;

/// <summary>
/// Routes a generic <c>T</c> to the generated float and double overloads. The tests
/// <c>typeof(T) == typeof(float)</c> are JIT-time constants for value types, so each
/// specialisation keeps exactly one branch and the cast spans cost nothing.
/// </summary>
internal static class FloatDispatch
{
    public static bool IsFloat<T>() => typeof(T) == typeof(float);

    public static bool IsDouble<T>() => typeof(T) == typeof(double);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<TTo> As<T, TTo>(Span<T> span)
        where T : struct
        where TTo : struct => MemoryMarshal.Cast<T, TTo>(span);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<TTo> As<T, TTo>(ReadOnlySpan<T> span)
        where T : struct
        where TTo : struct => MemoryMarshal.Cast<T, TTo>(span);

    /// <summary>Thrown at construction so an unsupported element type fails before any training.</summary>
    public static void RequireFloatOrDouble<T>(string what)
    {
        if (!IsFloat<T>() && !IsDouble<T>())
        {
            throw new NotSupportedException(
                $"{what} has generated kernels for float and double only, not {typeof(T).Name}.");
        }
    }

    /// <summary>A <c>default(...)</c> adapter has every hyper-parameter zero; refuse it rather than silently not learning.</summary>
    public static void RequireBuilt(bool built, string adapter)
    {
        if (!built)
        {
            throw new InvalidOperationException(
                $"This {adapter} is default(...): build it with a constructor so its hyper-parameters are set.");
        }
    }

    /// <summary>Splits the flat state buffer into its equal parts and checks its length.</summary>
    public static Span<T> StateSlice<T>(Span<T> state, int weights, int index, int count)
    {
        RequireStateLength(state, weights, count);
        return state.Slice(index * weights, weights);
    }

    /// <summary>The flat state buffer must hold <paramref name="count"/> buffers of one element per weight.</summary>
    public static void RequireStateLength<T>(Span<T> state, int weights, int count)
    {
        if (state.Length != (long)weights * count)
        {
            ThrowState(state.Length, weights, count);
        }
    }

    private static void ThrowState(int length, int weights, int count) =>
        throw new ArgumentException(
            $"'state' has length {length}; {count} state buffer(s) for {weights} weights need {(long)count * weights}.",
            "state");
}
