using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LossGen.CompilerServices;

/// <summary>
/// The first index of the extreme across lanes: (value, index) pairs folded by halves, as
/// <see cref="Horizontal"/> folds values, where a pair replaces another when its value is strictly
/// better, or equal with a smaller index. So the result is the smallest index among the lanes
/// holding the extreme, and it does not wait for the extreme itself (MaxAcross runs beside it).
/// Equal compares −0 with +0 as equal, as the scalar <c>&gt;</c> does; a NaN lane never wins a
/// comparison, so an all-NaN vector gives lane 0's index.
/// </summary>
internal static class HorizontalArg
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int First(Vector512<float> v, Vector512<int> i, bool max)
    {
        var (v256, i256) = Better(v.GetLower(), i.GetLower(), v.GetUpper(), i.GetUpper(), max);
        return First(v256, i256, max);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int First(Vector256<float> v, Vector256<int> i, bool max)
    {
        var (v128, i128) = Better(v.GetLower(), i.GetLower(), v.GetUpper(), i.GetUpper(), max);
        return First(v128, i128, max);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int First(Vector128<float> v, Vector128<int> i, bool max)
    {
        Vector128<int> swapPairs = Vector128.Create(2, 3, 0, 1);
        (v, i) = Better(v, i, Vector128.Shuffle(v, swapPairs), Vector128.Shuffle(i, swapPairs), max);
        Vector128<int> swapNeighbours = Vector128.Create(1, 0, 3, 2);
        (v, i) = Better(v, i, Vector128.Shuffle(v, swapNeighbours), Vector128.Shuffle(i, swapNeighbours), max);
        return i.ToScalar();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int First(Vector512<double> v, Vector512<long> i, bool max)
    {
        var (v256, i256) = Better(v.GetLower(), i.GetLower(), v.GetUpper(), i.GetUpper(), max);
        return First(v256, i256, max);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int First(Vector256<double> v, Vector256<long> i, bool max)
    {
        var (v128, i128) = Better(v.GetLower(), i.GetLower(), v.GetUpper(), i.GetUpper(), max);
        return First(v128, i128, max);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int First(Vector128<double> v, Vector128<long> i, bool max)
    {
        Vector128<long> swap = Vector128.Create(1L, 0L);
        (v, i) = Better(v, i, Vector128.Shuffle(v, swap), Vector128.Shuffle(i, swap), max);
        return (int)i.ToScalar();
    }

    // ---- one fold: per lane, b replaces a when strictly better, or equal with a smaller index ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float>, Vector256<int>) Better(Vector256<float> va, Vector256<int> ia, Vector256<float> vb, Vector256<int> ib, bool max)
    {
        Vector256<float> strictly = max ? Vector256.GreaterThan(vb, va) : Vector256.LessThan(vb, va);
        Vector256<int> take = strictly.AsInt32() | (Vector256.Equals(vb, va).AsInt32() & Vector256.LessThan(ib, ia));
        return (Vector256.ConditionalSelect(take.AsSingle(), vb, va), Vector256.ConditionalSelect(take, ib, ia));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<float>, Vector128<int>) Better(Vector128<float> va, Vector128<int> ia, Vector128<float> vb, Vector128<int> ib, bool max)
    {
        Vector128<float> strictly = max ? Vector128.GreaterThan(vb, va) : Vector128.LessThan(vb, va);
        Vector128<int> take = strictly.AsInt32() | (Vector128.Equals(vb, va).AsInt32() & Vector128.LessThan(ib, ia));
        return (Vector128.ConditionalSelect(take.AsSingle(), vb, va), Vector128.ConditionalSelect(take, ib, ia));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<double>, Vector256<long>) Better(Vector256<double> va, Vector256<long> ia, Vector256<double> vb, Vector256<long> ib, bool max)
    {
        Vector256<double> strictly = max ? Vector256.GreaterThan(vb, va) : Vector256.LessThan(vb, va);
        Vector256<long> take = strictly.AsInt64() | (Vector256.Equals(vb, va).AsInt64() & Vector256.LessThan(ib, ia));
        return (Vector256.ConditionalSelect(take.AsDouble(), vb, va), Vector256.ConditionalSelect(take, ib, ia));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<double>, Vector128<long>) Better(Vector128<double> va, Vector128<long> ia, Vector128<double> vb, Vector128<long> ib, bool max)
    {
        Vector128<double> strictly = max ? Vector128.GreaterThan(vb, va) : Vector128.LessThan(vb, va);
        Vector128<long> take = strictly.AsInt64() | (Vector128.Equals(vb, va).AsInt64() & Vector128.LessThan(ib, ia));
        return (Vector128.ConditionalSelect(take.AsDouble(), vb, va), Vector128.ConditionalSelect(take, ib, ia));
    }
}
