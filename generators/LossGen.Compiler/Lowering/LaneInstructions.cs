using System.Linq;
using LossGen.Compiler.Ir;

namespace LossGen.Compiler.Lowering;

/// <summary>
/// The one instruction selector for element-wise operations: how each IR operation is written in C#
/// on lanes (<c>V.*</c>, the ILanes members) and on one double (<c>Scalar.*</c>, operators). The loss
/// lowering (<see cref="Lower"/>) and the optimizer and penalty lowering (<see cref="LaneExpressions"/>)
/// decide where a value lives, whether it is per element or per row, and what to name and reuse; the
/// code of an operation comes from here, so both kinds of kernel compute it the same way.
/// </summary>
internal static class LaneInstructions
{
    /// <param name="lanes">Whether <paramref name="x"/> is a lane value V, or a double.</param>
    public static string Unary(UnaryOp op, string x, bool lanes) => op switch
    {
        UnaryOp.Neg => $"-{x}",
        UnaryOp.Sqr => $"{x} * {x}",
        // max(x, 0) is one lane instruction; a double goes through Scalar.Relu.
        UnaryOp.Relu when lanes => $"V.Max({x}, V.Zero)",
        _ => $"{Functions(lanes)}.{op}({x})",
    };

    /// <param name="lanes">Whether the operands are lane values V, or doubles.</param>
    public static string Binary(BinaryOp op, string a, string b, bool lanes) => op switch
    {
        BinaryOp.Add => $"{a} + {b}",
        BinaryOp.Sub => $"{a} - {b}",
        BinaryOp.Mul => $"{a} * {b}",
        BinaryOp.Div => $"{a} / {b}",
        BinaryOp.Max => $"{Functions(lanes)}.Max({a}, {b})",
        _ => $"{Functions(lanes)}.Min({a}, {b})",
    };

    /// <summary>
    /// x^n for a small integer n (|n| ≤ 4) as a product, exact as a user would write it by hand;
    /// null for any other n. x^0 is 1, as Math.Pow has it even for NaN.
    /// </summary>
    public static string? SmallPower(string x, double n, bool lanes)
    {
        if (n != System.Math.Floor(n) || System.Math.Abs(n) > 4) return null;
        var one = lanes ? "V.One" : "1.0";
        if (n == 0) return one;
        var product = string.Join(" * ", Enumerable.Repeat(x, (int)System.Math.Abs(n)));
        return n > 0 ? product : $"{one} / ({product})";
    }

    /// <summary>x^p as exp(p·log x): NaN for x &lt; 0, and for x = 0 see <see cref="AtZero"/>.</summary>
    public static string PowerByLogs(string x, string exponent, bool lanes) =>
        $"{Functions(lanes)}.Exp({exponent} * {Functions(lanes)}.Log({x}))";

    /// <summary>
    /// Lanes where x = 0 take <paramref name="atZero"/> (Math.Pow(0, p), computed once), the others
    /// <paramref name="general"/>: p·log 0 = 0·(−∞) is NaN at p = 0, where 0^0 = 1.
    /// </summary>
    public static string AtZero(string x, string atZero, string general) =>
        $"V.Select(V.Equal({x}, V.Zero), {atZero}, {general})";

    /// <summary>x^p of one double for a run-time exponent: NaN for x &lt; 0, as the lanes give.</summary>
    public static string PowerOfDouble(string x, string exponent) =>
        $"{x} >= 0.0 ? Math.Pow({x}, {exponent}) : double.NaN";

    /// <summary>The mask where a op b holds, lane by lane.</summary>
    public static string Compare(CompareOp op, string a, string b) => $"V.{CSharpText.CompareName(op)}({a}, {b})";

    private static string Functions(bool lanes) => lanes ? "V" : "Scalar";
}
