using System.Globalization;

namespace LossGen.Compiler.Shapes;

/// <summary>
/// Dimensions are carried through the compiler as strings: a symbolic name ("N") or a fixed size
/// written in [Shape] ("1", "2"). A fixed size is a number everywhere it is used (loop bounds,
/// strides, length checks), not a parameter of the generated API; "1" is what numpy broadcasting
/// stretches, and keepDims leaves it behind.
/// </summary>
internal static class DimNames
{
    /// <summary>The dimension a keepDims axis keeps.</summary>
    public const string One = "1";

    /// <summary>A fixed size as written in [Shape]: a positive decimal integer with no sign or leading zero.</summary>
    public static bool IsFixed(string dim) =>
        dim.Length > 0 && dim.Length <= 9 && dim[0] is >= '1' and <= '9' && Digits(dim);

    public static Dim ToDim(string dim) => IsFixed(dim) ? Dim.Known(int.Parse(dim, CultureInfo.InvariantCulture)) : Dim.Symbol(dim);

    public static string FromDim(Dim d) => d.Name ?? d.Size.ToString(CultureInfo.InvariantCulture);

    private static bool Digits(string s)
    {
        foreach (var ch in s)
            if (ch is < '0' or > '9') return false;
        return true;
    }
}
