namespace LossGen.CompilerServices;

/// <summary>
/// The few bit-level steps of exp and log that cannot be written with <see cref="ILanes{TSelf, T}"/>
/// arithmetic alone. With them, <see cref="VectorMathF"/> and <see cref="VectorMathD"/> write each polynomial once, generic over
/// the lane type, and the JIT specialises it per width exactly like a generated kernel.
/// </summary>
internal interface IExponentBits<TSelf>
    where TSelf : struct
{
    /// <summary>
    /// x clamped to [low, high], NaN passed through unchanged, in as few instructions as the
    /// hardware allows (exp clamps every input, so this is on the hot path).
    /// </summary>
    static abstract TSelf ClampKeepNaN(TSelf x, TSelf low, TSelf high);

    /// <summary>
    /// p·2^k for lanes holding integers k in [-1076, 1024] (double) or [-150, 128] (float): one
    /// rounding, so results overflow to infinity and underflow gradually through the subnormals.
    /// </summary>
    static abstract TSelf ScaleByPow2(TSelf p, TSelf k);

    /// <summary>For positive normal x = m·2^e with m in [√½, √2): m.</summary>
    static abstract TSelf ReducedMantissa(TSelf x);

    /// <summary>For positive normal x = m·2^e with m in [√½, √2): e, as a floating-point lane value.</summary>
    static abstract TSelf ReducedExponent(TSelf x);
}
