using System.Runtime.CompilerServices;

namespace LossGen.CompilerServices;

/// <summary>Scalar helpers of the lane-by-lane default members of <see cref="ILanes{TSelf, T}"/>.</summary>
internal static class LaneMath
{
    /// <summary>a + b for float or double (the JIT keeps only the branch of T).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Add<T>(T a, T b)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            float sum = Unsafe.As<T, float>(ref a) + Unsafe.As<T, float>(ref b);
            return Unsafe.As<float, T>(ref sum);
        }
        double total = Unsafe.As<T, double>(ref a) + Unsafe.As<T, double>(ref b);
        return Unsafe.As<double, T>(ref total);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Compare(int a, IndexComparison op, int b) => op switch
    {
        IndexComparison.Equal => a == b,
        IndexComparison.NotEqual => a != b,
        IndexComparison.Less => a < b,
        IndexComparison.LessOrEqual => a <= b,
        IndexComparison.Greater => a > b,
        IndexComparison.GreaterOrEqual => a >= b,
        _ => LaneThrow.UnknownComparison<bool>(op),
    };
}
