using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using LossGen.Compiler.Ir;

namespace LossGen.Compiler.Parse;

/// <summary>C# syntax shared by the loss and optimizer front ends: operators, numbers, source text.</summary>
internal static class DslSyntax
{
    public static BinaryOp? ArithmeticOp(BinaryExpressionSyntax b) => b.Kind() switch
    {
        SyntaxKind.AddExpression => BinaryOp.Add,
        SyntaxKind.SubtractExpression => BinaryOp.Sub,
        SyntaxKind.MultiplyExpression => BinaryOp.Mul,
        SyntaxKind.DivideExpression => BinaryOp.Div,
        _ => null,
    };

    public static CompareOp? CompareOpOf(BinaryExpressionSyntax b) => b.Kind() switch
    {
        SyntaxKind.EqualsExpression => CompareOp.Eq,
        SyntaxKind.NotEqualsExpression => CompareOp.Ne,
        SyntaxKind.LessThanExpression => CompareOp.Lt,
        SyntaxKind.LessThanOrEqualExpression => CompareOp.Le,
        SyntaxKind.GreaterThanExpression => CompareOp.Gt,
        SyntaxKind.GreaterThanOrEqualExpression => CompareOp.Ge,
        _ => null,
    };

    /// <summary>
    /// A numeric constant as the number the user wrote: a float 0.1f is read through its shortest
    /// round-trip text, so double kernels use 0.1, not 0.10000000149011612.
    /// </summary>
    public static double ToDouble(object? value) => value is float f
        ? double.Parse(f.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture)
        : System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The first line of a construct, for a diagnostic's message.</summary>
    public static string FirstLine(SyntaxNode node)
    {
        var text = node.ToString();
        var nl = text.IndexOf('\n');
        return (nl < 0 ? text : text.Substring(0, nl)).Trim();
    }
}
