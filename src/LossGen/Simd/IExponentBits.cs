namespace LossGen.Simd;

/// <summary>
/// The few bit-level steps of exp and log that cannot be written with <see cref="ILanes{TSelf, T}"/>
/// arithmetic alone. With them, <see cref="VectorMathF"/> and <see cref="VectorMathD"/> write each polynomial once, generic over
/// the lane type, and the JIT specialises it per width exactly like a generated kernel.
/// </summary>
internal interface IExponentBits<TSelf>
    where TSelf : struct
{
    /// <summary>2^k for lanes holding integers k in the normal exponent range (no overflow, no subnormals).</summary>
    static abstract TSelf Pow2(TSelf k);

    /// <summary>For positive normal x = m·2^e with m in [√½, √2): m.</summary>
    static abstract TSelf ReducedMantissa(TSelf x);

    /// <summary>For positive normal x = m·2^e with m in [√½, √2): e, as a floating-point lane value.</summary>
    static abstract TSelf ReducedExponent(TSelf x);
}
