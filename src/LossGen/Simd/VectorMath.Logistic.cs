using System.Runtime.CompilerServices;

namespace LossGen.CompilerServices;

/// <summary>Sigmoid and softplus for any lane type, from its own Exp and Log.</summary>
internal static class VectorMath
{
    /// <summary>1 / (1 + e^−x), never overflowing.</summary>
    /// <remarks>
    /// Only e = exp(−|x|) ≤ 1 is ever formed: for x ≥ 0 the result is 1/(1+e), for x &lt; 0 it is
    /// e/(1+e), so sigmoid(−1000) = 0 and sigmoid(1000) = 1 with no infinity in between, and each
    /// branch is a division of well-conditioned quantities (relative error a few ulp).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Sigmoid<V, T>(V x)
        where V : struct, ILanes<V, T>
        where T : unmanaged
    {
        V e = V.Exp(-V.Abs(x));
        V reciprocal = V.One / (V.One + e);
        return V.Select(V.LessThan(x, V.Zero), e * reciprocal, reciprocal);
    }

    /// <summary>log(1 + e^x) = max(x, 0) + log1p(e^−|x|), never overflowing.</summary>
    /// <remarks>
    /// log1p(e) is computed as log(u)·e/(u − 1) with u = 1 + e rounded: the rounding error of u
    /// cancels in the ratio, so it keeps full relative accuracy where log(1 + e) alone would return
    /// 0 (e below half an ulp of 1, i.e. x below about −17 in float, −37 in double) and softplus(x)
    /// ≈ e^x would lose every digit.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Softplus<V, T>(V x)
        where V : struct, ILanes<V, T>
        where T : unmanaged
    {
        V e = V.Exp(-V.Abs(x));
        V u = V.One + e;
        V log1p = V.Select(V.Equal(u, V.One), e, V.Log(u) * e / (u - V.One));
        return V.Max(x, V.Zero) + log1p;
    }
}
