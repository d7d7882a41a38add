using LossGen.Compiler.Diagnostics;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Model;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis;

using static LossGen.Compiler.Parse.DslSyntax;
using LossGen.Compiler.Emit;
using LossGen.Compiler.Lowering;
using LossGen.Compiler.Passes;

namespace LossGen.Compiler.Parse;

// The body of an update rule: assignments and local definitions, executed symbolically.
internal sealed partial class OptimizerParser
{
    private void ReadBody(MethodDeclarationSyntax define)
    {
        if (define.ExpressionBody is { } arrow)
        {
            // 'static void Define(ref float w, float g, float lr) => w -= lr * g;' is one statement.
            ReadExpressionStatement(arrow.Expression, arrow.Expression);
            return;
        }
        if (define.Body!.Statements.Count == 0)
            Report(Descriptors.MissingUpdateRule, SourceSpan.From(define.Identifier), ContainingName(define));
        foreach (var statement in define.Body!.Statements)
        {
            switch (statement)
            {
                case ExpressionStatementSyntax e:
                    ReadExpressionStatement(e.Expression, e);
                    break;
                case LocalDeclarationStatementSyntax local when !local.IsConst:
                    foreach (var v in local.Declaration.Variables) DeclareLocal(v, local);
                    break;
                default:
                    Report(Descriptors.UnsupportedUpdateStatement, SourceSpan.From(statement), FirstLine(statement));
                    break;
            }
        }
    }

    private static string ContainingName(SyntaxNode node) =>
        node.Parent is BaseTypeDeclarationSyntax t ? t.Identifier.Text : "the optimizer";

    private void DeclareLocal(VariableDeclaratorSyntax v, SyntaxNode statement)
    {
        if (v.Initializer is null || model.GetDeclaredSymbol(v) is not ILocalSymbol symbol)
        {
            Report(Descriptors.UnsupportedUpdateStatement, SourceSpan.From(v), FirstLine(v));
            // Reported once, here: its later assignments and reads add no LG0203/LG0005.
            if (model.GetDeclaredSymbol(v) is ILocalSymbol local)
            {
                reported.Add(local);
                values[local] = Error;
            }
            return;
        }
        var value = ParseExpr(v.Initializer.Value);
        values[symbol] = value;
        statements.Add(new UpdateStatement(FirstLine(statement), null, value));
    }

    private void ReadExpressionStatement(ExpressionSyntax expression, SyntaxNode statement)
    {
        if (expression is not AssignmentExpressionSyntax assignment || !TryCompound(assignment, out var op))
        {
            Report(Descriptors.UnsupportedUpdateStatement, SourceSpan.From(statement), FirstLine(statement));
            return;
        }
        var target = model.GetSymbolInfo(assignment.Left).Symbol;
        if (target is not null && reported.Contains(target)) return; // its declaration is reported (LG0205, LG0204)
        if (assignment.Left is not IdentifierNameSyntax || target is null || !IsAssignable(target, out var what))
        {
            Report(Descriptors.AssignmentToReadOnly, SourceSpan.From(assignment.Left), assignment.Left.ToString(),
                target is null ? "not a variable of the rule" : DescribeReadOnly(target));
            return;
        }
        var right = ParseExpr(assignment.Right);
        var value = op is { } binary ? ExprWalk.Rebuild(binary, values[target], right) : right;
        values[target] = value;
        statements.Add(new UpdateStatement(FirstLine(statement), what, value));
    }

    /// <summary>'=' (<paramref name="op"/> null) or an arithmetic compound assignment ('+=' …); false for any other operator.</summary>
    private static bool TryCompound(AssignmentExpressionSyntax a, out BinaryOp? op)
    {
        op = a.Kind() switch
        {
            SyntaxKind.AddAssignmentExpression => BinaryOp.Add,
            SyntaxKind.SubtractAssignmentExpression => BinaryOp.Sub,
            SyntaxKind.MultiplyAssignmentExpression => BinaryOp.Mul,
            SyntaxKind.DivideAssignmentExpression => BinaryOp.Div,
            _ => null,
        };
        return op is not null || a.IsKind(SyntaxKind.SimpleAssignmentExpression);
    }

    /// <summary>The weight and state buffers and the rule's own locals can be assigned; <paramref name="buffer"/> names the buffer written.</summary>
    private bool IsAssignable(ISymbol target, out string? buffer)
    {
        buffer = null;
        if (target is ILocalSymbol && values.ContainsKey(target)) return true;
        if (target is IParameterSymbol && kinds.TryGetValue(target, out var kind)
            && kind is OptimizerParamKind.Weight or OptimizerParamKind.State)
        {
            buffer = target.CSharpName();
            return true;
        }
        return false;
    }

    private string DescribeReadOnly(ISymbol target) =>
        target is IParameterSymbol && kinds.TryGetValue(target, out var kind)
            ? kind switch
            {
                OptimizerParamKind.Gradient => "the gradient, an input of the step",
                OptimizerParamKind.Step => "the step counter",
                _ => "a hyper-parameter, the same for every element (declare it 'ref' to make it per-element state)",
            }
            : "not a variable of the rule";
}
