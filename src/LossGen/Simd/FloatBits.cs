namespace LossGen.CompilerServices;

/// <summary>IEEE-754 binary32 and binary64 constants shared by the lane types' exponent-bit members.</summary>
internal static class FloatBits
{
    /// <summary>1.5·2^23: adding it to |k| &lt; 2^22 leaves k, exactly, in the low mantissa bits.</summary>
    public const float Shifter = 12582912f;

    /// <summary>127 (the exponent bias) minus the bit pattern of <see cref="Shifter"/> (0x4B400000).</summary>
    public const int Pow2Offset = 127 - 0x4B400000;

    /// <summary>Bit pattern of √½ rounded to float: rebasing on it puts the mantissa in [√½, √2).</summary>
    public const int SqrtHalfBits = 0x3F3504F3;

    public const int MantissaMask = 0x007FFFFF;

    /// <summary>1.5·2^52, the double analogue of <see cref="Shifter"/>.</summary>
    public const double DoubleShifter = 6755399441055744.0;

    /// <summary>1023 minus the bit pattern of <see cref="DoubleShifter"/> (0x4338000000000000).</summary>
    public const long DoublePow2Offset = 1023 - 0x4338000000000000L;

    /// <summary>Bit pattern of √½ rounded to double.</summary>
    public const long DoubleSqrtHalfBits = 0x3FE6A09E667F3BCDL;

    public const long DoubleMantissaMask = 0x000FFFFFFFFFFFFFL;

    /// <summary>
    /// 1024·2^52: added to a rebased bit pattern it makes the exponent field non-negative, so a logical
    /// shift (cheap on every ISA, unlike a 64-bit arithmetic shift before AVX-512) extracts e + 1024.
    /// </summary>
    public const long DoubleExponentBias = 1024L << 52;

    /// <summary>Bit pattern of 2^52: OR-ed onto an integer n &lt; 2^52 it makes the double 2^52 + n.</summary>
    public const long DoubleTwoPow52Bits = 0x4330000000000000L;

    /// <summary>2^52 + 1024: subtracting it recovers e from 2^52 + e + 1024.</summary>
    public const double DoubleExponentUnbias = 4503599627371520.0;
}
