using System.Globalization;
using LossGen.Compiler.Ir;

namespace LossGen.Compiler.Lowering;

/// <summary>C# spellings shared by the loss and optimizer lowerings.</summary>
internal static class CSharpText
{
    /// <summary>A double literal that reads as a double (1.0, not 1) and round-trips exactly.</summary>
    public static string Literal(double v)
    {
        if (double.IsPositiveInfinity(v)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(v)) return "double.NegativeInfinity";
        var s = v.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains(".") || s.Contains("E") ? s : s + ".0";
    }

    /// <summary>The ILanes member that compares two lane values.</summary>
    public static string CompareName(CompareOp op) => op switch
    {
        CompareOp.Eq => "Equal",
        CompareOp.Ne => "NotEqual",
        CompareOp.Lt => "LessThan",
        CompareOp.Le => "LessThanOrEqual",
        CompareOp.Gt => "GreaterThan",
        _ => "GreaterThanOrEqual",
    };
}
