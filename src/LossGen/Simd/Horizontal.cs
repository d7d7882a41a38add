using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LossGen.CompilerServices;

/// <summary>
/// Max and min across the lanes of one vector, by halving: the wide vector is folded onto its upper
/// half until 128 bits remain, then two (float) or one (double) in-register shuffles finish it.
/// Uses the IEEE <c>Max</c>/<c>Min</c> of <see cref="Vector128"/>, so a NaN in any lane propagates,
/// matching <see cref="System.Math.Max(double, double)"/> on the scalar path.
/// </summary>
internal static class Horizontal
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(Vector512<float> x) => Max(Vector256.Max(x.GetLower(), x.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(Vector256<float> x) => Max(Vector128.Max(x.GetLower(), x.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(Vector128<float> x)
    {
        x = Vector128.Max(x, Vector128.Shuffle(x, Vector128.Create(2, 3, 0, 1)));
        x = Vector128.Max(x, Vector128.Shuffle(x, Vector128.Create(1, 0, 3, 2)));
        return x.ToScalar();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min(Vector512<float> x) => Min(Vector256.Min(x.GetLower(), x.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min(Vector256<float> x) => Min(Vector128.Min(x.GetLower(), x.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min(Vector128<float> x)
    {
        x = Vector128.Min(x, Vector128.Shuffle(x, Vector128.Create(2, 3, 0, 1)));
        x = Vector128.Min(x, Vector128.Shuffle(x, Vector128.Create(1, 0, 3, 2)));
        return x.ToScalar();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Max(Vector512<double> x) => Max(Vector256.Max(x.GetLower(), x.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Max(Vector256<double> x) => Max(Vector128.Max(x.GetLower(), x.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Max(Vector128<double> x) =>
        Vector128.Max(x, Vector128.Shuffle(x, Vector128.Create(1L, 0L))).ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Min(Vector512<double> x) => Min(Vector256.Min(x.GetLower(), x.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Min(Vector256<double> x) => Min(Vector128.Min(x.GetLower(), x.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Min(Vector128<double> x) =>
        Vector128.Min(x, Vector128.Shuffle(x, Vector128.Create(1L, 0L))).ToScalar();
}
