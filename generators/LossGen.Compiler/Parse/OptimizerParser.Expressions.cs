using System.Globalization;
using System.Linq;
using LossGen.Compiler.Diagnostics;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Model;
using LossGen.Compiler.Parse;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis;

using static LossGen.Compiler.Parse.DslSyntax;
using LossGen.Compiler.Emit;
using LossGen.Compiler.Lowering;
using LossGen.Compiler.Passes;

namespace LossGen.Compiler.Parse;

// Scalar expressions of an update rule → IR. The loss DSL's reductions and indexing have no place
// in a per-element rule; what remains is arithmetic, the pointwise DSL functions and conditionals.
internal sealed partial class OptimizerParser
{
    private const string DslType = "LossGen.Dsl";

    /// <summary>Stands in for a construct that was reported, so parsing can go on.</summary>
    private static readonly Expr Error = Const.Zero;

    private Expr ParseExpr(ExpressionSyntax syntax)
    {
        // A constant subexpression has the value C# gives it: '1 / 2' is the int 0, as the
        // compiler that type-checks the rule says, not the 0.5 a slide might mean.
        var constant = model.GetConstantValue(syntax);
        if (constant.HasValue && constant.Value is int or long or float or double or decimal)
            return E.C(System.Convert.ToDouble(constant.Value, CultureInfo.InvariantCulture));
        switch (syntax)
        {
            case ParenthesizedExpressionSyntax p:
                return ParseExpr(p.Expression);
            case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } lit:
                return E.C(System.Convert.ToDouble(lit.Token.Value, CultureInfo.InvariantCulture));
            case CastExpressionSyntax cast when model.GetTypeInfo(cast).Type?.SpecialType is SpecialType.System_Single or SpecialType.System_Double:
                return ParseExpr(cast.Expression);
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } neg:
                return E.Neg(ParseExpr(neg.Operand));
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryPlusExpression } plus:
                return ParseExpr(plus.Operand);
            case BinaryExpressionSyntax bin when ArithmeticOp(bin) is { } op:
                return new Binary(op, ParseExpr(bin.Left), ParseExpr(bin.Right));
            case ConditionalExpressionSyntax c:
                return E.Select(ParseCond(c.Condition), ParseExpr(c.WhenTrue), ParseExpr(c.WhenFalse));
            case IdentifierNameSyntax id:
                return ParseIdentifier(id);
            case InvocationExpressionSyntax call:
                return ParseCall(call);
            default:
                return Unsupported(syntax, "an update rule uses arithmetic, the pointwise DSL functions and the conditional operator");
        }
    }

    private Expr Unsupported(SyntaxNode node, string why)
    {
        Report(Descriptors.UnsupportedExpression, SourceSpan.From(node), FirstLine(node), why);
        return Error;
    }

    private Expr ParseIdentifier(IdentifierNameSyntax id)
    {
        var symbol = model.GetSymbolInfo(id).Symbol;
        if (symbol is not null && values.TryGetValue(symbol, out var value)) return value;
        return Unsupported(id, "only parameters and locals of Define can be named");
    }

    private Expr ParseCall(InvocationExpressionSyntax call)
    {
        var method = model.GetSymbolInfo(call).Symbol as IMethodSymbol;
        if (method is null && model.GetDiagnostics(call.Span).Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            // The call does not type-check: C# says why, and LossGen adds nothing on top.
            hasCSharpErrors = true;
            return Error;
        }
        if (method is null || method.ContainingType.ToDisplayString() != DslType)
        {
            Report(Descriptors.UnknownFunction, SourceSpan.From(call), call.Expression.ToString());
            return Error;
        }
        var args = call.ArgumentList.Arguments.Select(a => a.Expression).ToList();
        if (args.Any(a => a is LambdaExpressionSyntax))
            return Unsupported(call, "an update rule is per element: reductions over index variables belong in a [Loss]");
        var function = DslVocabulary.Find(method.Name, DslForms.UpdateRule);
        if (function is { Unary: { } unary } && args.Count == 1) return E.Un(unary, ParseExpr(args[0]));
        if (function is { Binary: { } binary } && args.Count == 2) return new Binary(binary, ParseExpr(args[0]), ParseExpr(args[1]));
        if (function is { IsPow: true } && args.Count == 2) return ParsePow(args[0], args[1]);
        Report(Descriptors.UnknownFunction, SourceSpan.From(call), call.Expression.ToString());
        return Error;
    }

    /// <summary>
    /// <c>Pow(x, c)</c> with a constant exponent is <see cref="PowConst"/>. A variable exponent, as in
    /// the bias correction <c>Pow(beta1, t)</c>, is <c>exp(e·log x)</c> in the IR (defined for x &gt; 0,
    /// and 0 at x = 0); <see cref="UpdateLowering"/> recognises the shape and, for values the same
    /// for every element, calls Math.Pow once per step.
    /// </summary>
    private Expr ParsePow(ExpressionSyntax x, ExpressionSyntax exponent)
    {
        var constant = model.GetConstantValue(exponent);
        if (constant.HasValue && constant.Value is not null)
            return new PowConst(ParseExpr(x), System.Convert.ToDouble(constant.Value, CultureInfo.InvariantCulture));
        return PowOf(ParseExpr(x), ParseExpr(exponent));
    }

    public static Expr PowOf(Expr x, Expr exponent) =>
        new Unary(UnaryOp.Exp, new Binary(BinaryOp.Mul, exponent, new Unary(UnaryOp.Log, x)));

    private Cond ParseCond(ExpressionSyntax syntax)
    {
        while (syntax is ParenthesizedExpressionSyntax p) syntax = p.Expression;
        switch (syntax)
        {
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                return new NotCond(ParseCond(not.Operand));
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalAndExpression):
                return new AndCond(ParseCond(b.Left), ParseCond(b.Right));
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalOrExpression):
                return new OrCond(ParseCond(b.Left), ParseCond(b.Right));
            case BinaryExpressionSyntax b when CompareOpOf(b) is { } op:
                return new ValueCompare(op, ParseExpr(b.Left), ParseExpr(b.Right));
            default:
                Unsupported(syntax, "a condition compares values with ==, !=, <, <=, >, >=, combined with &&, || and !");
                return new ValueCompare(CompareOp.Eq, Error, Error);
        }
    }

}
