using System.Linq;
using LossGen.Compiler.Ir;

using static LossGen.Compiler.Lowering.CodeBuilding;

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
    public static Code Unary(UnaryOp op, Code x, bool lanes) => op switch
    {
        UnaryOp.Neg => C($"-{x}"),
        UnaryOp.Sqr => C($"{x} * {x}"),
        // max(x, 0) is one lane instruction; a double goes through Scalar.Relu.
        UnaryOp.Relu when lanes => C($"V.Max({x}, V.Zero)"),
        _ => C($"{Functions(lanes)}.{Tx(op.ToString())}({x})"),
    };

    /// <param name="lanes">Whether the operands are lane values V, or doubles.</param>
    public static Code Binary(BinaryOp op, Code a, Code b, bool lanes) => op switch
    {
        BinaryOp.Add => C($"{a} + {b}"),
        BinaryOp.Sub => C($"{a} - {b}"),
        BinaryOp.Mul => C($"{a} * {b}"),
        BinaryOp.Div => C($"{a} / {b}"),
        BinaryOp.Max => C($"{Functions(lanes)}.Max({a}, {b})"),
        _ => C($"{Functions(lanes)}.Min({a}, {b})"),
    };

    /// <summary>
    /// x^n for a small integer n (|n| ≤ 4) as a product, exact as a user would write it by hand;
    /// null for any other n. x^0 is 1, as Math.Pow has it even for NaN.
    /// </summary>
    public static Code? SmallPower(Code x, double n, bool lanes)
    {
        if (n != System.Math.Floor(n) || System.Math.Abs(n) > 4) return null;
        var one = Tx(lanes ? "V.One" : "1.0");
        if (n == 0) return one;
        var product = Code.Join(" * ", Enumerable.Repeat(x, (int)System.Math.Abs(n)));
        return n > 0 ? product : C($"{one} / ({product})");
    }

    /// <summary>x^p as exp(p·log x): NaN for x &lt; 0, and for x = 0 see <see cref="AtZero"/>.</summary>
    public static Code PowerByLogs(Code x, Code exponent, bool lanes) =>
        C($"{Functions(lanes)}.Exp({exponent} * {Functions(lanes)}.Log({x}))");

    /// <summary>
    /// Lanes where x = 0 take <paramref name="atZero"/> (Math.Pow(0, p), computed once), the others
    /// <paramref name="general"/>: p·log 0 = 0·(−∞) is NaN at p = 0, where 0^0 = 1.
    /// </summary>
    public static Code AtZero(Code x, Code atZero, Code general) =>
        C($"V.Select(V.Equal({x}, V.Zero), {atZero}, {general})");

    /// <summary>x^p of one double for a run-time exponent: NaN for x &lt; 0, as the lanes give.</summary>
    public static Code PowerOfDouble(Code x, Code exponent) =>
        C($"{x} >= 0.0 ? Math.Pow({x}, {exponent}) : double.NaN");

    /// <summary>The mask where a op b holds, lane by lane.</summary>
    public static Code Compare(CompareOp op, Code a, Code b) => C($"V.{Tx(CSharpText.CompareName(op))}({a}, {b})");

    private static Code Functions(bool lanes) => Tx(lanes ? "V" : "Scalar");
}
