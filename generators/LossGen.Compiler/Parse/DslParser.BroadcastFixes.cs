using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Model;
using LossGen.Compiler.Shapes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

using static LossGen.Compiler.Parse.DslSyntax;

namespace LossGen.Compiler.Parse;

// Which one-token edit would make a failed broadcast (LG0105) valid, for the code fix. The two
// mistakes numpy code makes most are a vector laid the wrong way (v where vᵀ was meant) and a
// reduction that dropped the axis the other operand needs (Mean(X, 1) where keepDims was meant).
// So the candidates are: transpose an operand that has a size-1 axis, or keep the reduced axis of
// an operand that is a reduction along an axis. A candidate counts only if the whole enclosing
// whole-tensor expression then has a shape; the fix is offered only when exactly one does —
// with two, LossGen cannot know which was meant, and a fix must not guess.
internal sealed partial class DslParser
{
    /// <summary>Property names of an LG0105 diagnostic that has a fix (read by LossGen.CodeFixes' BroadcastFix).</summary>
    public const string FixProperty = "BroadcastFix", FixStartProperty = "FixStart", FixLengthProperty = "FixLength";

    public const string TransposeFix = "Transpose", KeepDimsFix = "KeepDims";

    /// <summary>Each LG0105 reported, by its index in <see cref="diagnostics"/>, and the operator expression.</summary>
    private readonly List<(int Index, BinaryExpressionSyntax Node)> broadcastErrors = new();

    /// <summary>Runs once the whole body is parsed, when every shape the check needs is known.</summary>
    private void AttachBroadcastFixes()
    {
        foreach (var (index, bin) in broadcastErrors)
        {
            var valid = Candidates(bin).Where(c => ValidUpwards(bin, c.Result)).Take(2).ToList();
            if (valid.Count != 1) continue;
            var (kind, operand, _) = valid[0];
            diagnostics[index] = diagnostics[index] with
            {
                Properties = new[]
                {
                    new KeyValuePair<string, string>(FixProperty, kind),
                    new KeyValuePair<string, string>(FixStartProperty, operand.SpanStart.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new KeyValuePair<string, string>(FixLengthProperty, operand.Span.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                }.ToEquatableArray(),
            };
        }
    }

    private IEnumerable<(string Kind, ExpressionSyntax Operand, SymbolicShape Result)> Candidates(BinaryExpressionSyntax bin)
    {
        var left = ShapeOf(bin.Left);
        var right = ShapeOf(bin.Right);
        if (left is null || right is null) yield break;
        foreach (var (operand, isLeft) in new[] { (bin.Left, true), (bin.Right, false) })
        {
            var shape = isLeft ? left : right;
            foreach (var (kind, changed) in Edits(operand, shape))
            {
                var result = Broadcasting.Combine(isLeft ? changed : left, isLeft ? right : changed);
                if (result.Shape is { } ok) yield return (kind, operand, ok);
            }
        }
    }

    private IEnumerable<(string Kind, SymbolicShape Changed)> Edits(ExpressionSyntax operand, SymbolicShape shape)
    {
        if (shape.Dims.Any(d => d.IsOne) && shape.Rank >= 2)
            yield return (TransposeFix, Broadcasting.Transpose(shape));
        if (Unwrap(operand) is InvocationExpressionSyntax call && model.GetSymbolInfo(call).Symbol is IMethodSymbol m
            && IsDslMember(m) && IsReduction(m.Name) && m.ReturnType.ToDisplayString() == TensorType
            && KeepDimsConstant(call, m) == false && ShapeOf(call.ArgumentList.Arguments[0].Expression) is { } input
            && ConstantAxis(call, m, input.Rank) is { } axis)
            yield return (KeepDimsFix, Broadcasting.ReduceAxis(input, axis, keepDims: true).Shape!);
    }

    /// <summary>
    /// Whether the expression enclosing <paramref name="node"/> still has a shape when
    /// <paramref name="node"/> has <paramref name="shape"/>, up to where it stops being a tensor
    /// (a full reduction, an element access, or a local's initializer).
    /// </summary>
    private bool ValidUpwards(ExpressionSyntax node, SymbolicShape shape)
    {
        while (true)
        {
            var parent = node.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } ? call : node.Parent as ExpressionSyntax;
            if (parent is null || !IsTensorTyped(parent)) return true;
            if (ParentShape(parent, node, shape) is not { } next) return false;
            node = parent;
            shape = next;
        }
    }

    /// <summary>The shape of <paramref name="parent"/> when its operand <paramref name="child"/> has <paramref name="shape"/>; the other operands keep theirs.</summary>
    private SymbolicShape? ParentShape(ExpressionSyntax parent, ExpressionSyntax child, SymbolicShape shape)
    {
        switch (parent)
        {
            case ParenthesizedExpressionSyntax or PrefixUnaryExpressionSyntax:
                return shape;
            case MemberAccessExpressionSyntax:
                return Broadcasting.Transpose(shape);
            case BinaryExpressionSyntax bin:
            {
                var otherSide = bin.Left == child ? bin.Right : bin.Left;
                if (!IsTensorTyped(otherSide)) return shape;
                if (ShapeOf(otherSide) is not { } other) return null;
                return (bin.Left == child ? Broadcasting.Combine(shape, other) : Broadcasting.Combine(other, shape)).Shape;
            }
            case InvocationExpressionSyntax call when model.GetSymbolInfo(call).Symbol is IMethodSymbol m:
            {
                var args = call.ArgumentList.Arguments;
                switch (m.Name)
                {
                    case DslVocabulary.Transpose: return Broadcasting.Transpose(shape);
                    case DslVocabulary.MatMul:
                    {
                        var first = args[0].Expression == child;
                        if (ShapeOf(args[first ? 1 : 0].Expression) is not { } other) return null;
                        return (first ? Broadcasting.MatMul(shape, other) : Broadcasting.MatMul(other, shape)).Shape;
                    }
                    case var name when IsReduction(name):
                        return ConstantAxis(call, m, shape.Rank) is { } axis && KeepDimsConstant(call, m) is { } keep
                            ? Broadcasting.ReduceAxis(shape, axis, keep).Shape
                            : null;
                    default:
                        return shape;
                }
            }
            default:
                return null;
        }
    }

    /// <summary>A reduction's constant axis, normalized for an input of <paramref name="rank"/>, or null (no report: this is only a what-if).</summary>
    private int? ConstantAxis(InvocationExpressionSyntax call, IMethodSymbol m, int rank)
    {
        if (ArgumentFor(call, m, "axis") is not { } axisSyntax || model.GetConstantValue(axisSyntax) is not { HasValue: true, Value: int axis })
            return null;
        var normalized = axis < 0 ? axis + rank : axis;
        return normalized >= 0 && normalized < rank ? normalized : null;
    }

    private bool? KeepDimsConstant(InvocationExpressionSyntax call, IMethodSymbol m) =>
        ArgumentFor(call, m, "keepDims") is not { } keep ? false
        : model.GetConstantValue(keep) is { HasValue: true, Value: bool b } ? b : null;
}
