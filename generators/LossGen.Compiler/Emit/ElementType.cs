namespace LossGen.Compiler.Emit;

/// <summary>The element types of the public entry points; the kernels behind them are generic over T.</summary>
internal enum ElementType { Float, Double }

internal static class ElementTypes
{
    /// <summary>Float, then double: the order the entry points are written in.</summary>
    public static readonly ElementType[] Both = { ElementType.Float, ElementType.Double };

    /// <summary>The C# keyword: float or double.</summary>
    public static string Keyword(this ElementType t) => t == ElementType.Float ? "float" : "double";

    /// <summary>The prefix of its lane types: F (F512 … F1) or D (D512 … D1).</summary>
    public static string LanePrefix(this ElementType t) => t == ElementType.Float ? "F" : "D";
}
