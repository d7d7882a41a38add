using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Diagnostics;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Model;
using LossGen.Compiler.Shapes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

using static LossGen.Compiler.Parse.DslSyntax;

namespace LossGen.Compiler.Parse;

// Whole-tensor (numpy-style) expressions → index notation. Every expression of C# type Tensor
// has a symbolic shape, checked here with numpy's rules (Shapes/Broadcasting). It is never built
// as a tensor: it is read one element at a time. Element(e, [i, j]) is the IR of e[i, j], with the
// indices mapped through each operation as broadcasting says, so the result is ordinary index
// notation — reductions and accesses — and every later pass (Shapes, Differentiate, Lower, Emit)
// handles it unchanged. A whole tensor meets the scalar world in two places only: a full
// reduction, Sum(X), and an element access on a local, s[i, y[i]].
internal sealed partial class DslParser
{
    /// <summary>Locals defined by a whole-tensor expression (<c>var d = X - Y;</c>), inlined at every use.</summary>
    private readonly Dictionary<ISymbol, ExpressionSyntax> tensorLocals = new(SymbolEqualityComparer.Default);

    /// <summary>Each whole-tensor subexpression's shape, computed once so an error is reported once; null after an error.</summary>
    private readonly Dictionary<SyntaxNode, SymbolicShape?> shapes = new();

    /// <summary>Unannotated tensors used whole take the shape of what they are combined with.</summary>
    private readonly Dictionary<string, (SymbolicShape Shape, string From)> inferredShapes = new();

    /// <summary>
    /// Where each index the user wrote on a whole-tensor local stands in the source, by object
    /// identity (equal records such as two i's must keep their own positions).
    /// </summary>
    private readonly Dictionary<Ix, SourceSpan> userIndexSpans = new(ReferenceComparer.Instance);

    private sealed class ReferenceComparer : IEqualityComparer<Ix>
    {
        public static readonly ReferenceComparer Instance = new();
        public bool Equals(Ix? a, Ix? b) => ReferenceEquals(a, b);
        public int GetHashCode(Ix ix) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(ix);
    }

    private bool IsTensorTyped(ExpressionSyntax e) => model.GetTypeInfo(e).Type?.ToDisplayString() == TensorType;

    private bool IsDslMember(IMethodSymbol? m) => m is not null && m.ContainingType.ToDisplayString() == DslType;

    // ---- shapes ----

    private SymbolicShape? ShapeOf(ExpressionSyntax e)
    {
        if (shapes.TryGetValue(e, out var known)) return known;
        var shape = ComputeShape(e);
        shapes[e] = shape;
        return shape;
    }

    private SymbolicShape? ComputeShape(ExpressionSyntax e)
    {
        switch (e)
        {
            case ParenthesizedExpressionSyntax p:
                return ShapeOf(p.Expression);
            case IdentifierNameSyntax id:
                return IdentifierShape(id);
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } neg:
                return ShapeOf(neg.Operand);
            case BinaryExpressionSyntax bin when ArithmeticOp(bin) is not null:
                return BinaryShape(bin);
            case MemberAccessExpressionSyntax { Name.Identifier.Text: "T" } t when IsTensorTyped(t.Expression):
                return ShapeOf(t.Expression) is { } inner ? Broadcasting.Transpose(inner) : null;
            case InvocationExpressionSyntax call when model.GetSymbolInfo(call).Symbol is IMethodSymbol m && IsDslMember(m):
                return CallShape(call, m);
            default:
                Unsupported(e, "a whole-tensor expression is built from tensor parameters, locals, + - * /, and the Tensor functions of LossGen.Dsl");
                return null;
        }
    }

    private SymbolicShape? IdentifierShape(IdentifierNameSyntax id)
    {
        switch (model.GetSymbolInfo(id).Symbol)
        {
            case IParameterSymbol p when parameters.TryGetValue(p.CSharpName(), out var param) && param.IsTensor:
                if (param.DeclaredDims.Count > 0) return SymbolicShape.Of(param.DeclaredDims.Select(DimNames.ToDim));
                if (inferredShapes.TryGetValue(p.CSharpName(), out var inferred)) return inferred.Shape;
                Report(Descriptors.WholeTensorShapeUnknown, SourceSpan.From(id), p.CSharpName());
                return null;
            case ILocalSymbol l when tensorLocals.TryGetValue(l, out var init):
                return ShapeOf(init);
            case ILocalSymbol l when comprehensions.ContainsKey(l):
                Unsupported(id, $"the comprehension '{l.Name}' can only be indexed, as in {l.Name}[i, j]; define it with a whole-tensor expression to use it whole");
                return null;
            default:
                Unsupported(id, "only tensor parameters and tensor locals can be used as whole tensors");
                return null;
        }
    }

    private SymbolicShape? BinaryShape(BinaryExpressionSyntax bin)
    {
        var leftIsTensor = IsTensorTyped(bin.Left);
        var rightIsTensor = IsTensorTyped(bin.Right);
        if (!leftIsTensor) return ShapeOf(bin.Right);
        if (!rightIsTensor) return ShapeOf(bin.Left);

        // An unannotated parameter takes its partner's shape (see docs/dsl.md): numpy would also
        // accept 1s in it, but the loops LossGen emits are fixed at compile time.
        InferFromPartner(bin.Left, bin.Right);
        InferFromPartner(bin.Right, bin.Left);
        var left = ShapeOf(bin.Left);
        var right = ShapeOf(bin.Right);
        if (left is null || right is null) return null;
        var result = Broadcasting.Combine(left, right);
        if (result.Error is { } error)
        {
            var axis = error.Axis;
            var a = Padded(left, System.Math.Max(left.Rank, right.Rank), axis);
            var b = Padded(right, System.Math.Max(left.Rank, right.Rank), axis);
            Report(Descriptors.BroadcastMismatch, SourceSpan.From(bin),
                FirstLine(bin.Left), ShapeText(left), FirstLine(bin.Right), ShapeText(right), axis.ToString(), a, b);
            broadcastErrors.Add((diagnostics.Count - 1, bin));
            return null;
        }
        return result.Shape;
    }

    private void InferFromPartner(ExpressionSyntax operand, ExpressionSyntax partner)
    {
        if (Unwrap(operand) is not IdentifierNameSyntax id
            || model.GetSymbolInfo(id).Symbol is not IParameterSymbol p
            || !parameters.TryGetValue(p.CSharpName(), out var param) || !param.IsTensor || param.Kind == ParamKind.Labels
            || param.DeclaredDims.Count > 0 || inferredShapes.ContainsKey(p.CSharpName()))
            return;
        // Partners that are themselves unannotated give nothing to infer from.
        if (Unwrap(partner) is IdentifierNameSyntax pid && model.GetSymbolInfo(pid).Symbol is IParameterSymbol pp
            && parameters.TryGetValue(pp.CSharpName(), out var pparam) && pparam.DeclaredDims.Count == 0 && !inferredShapes.ContainsKey(pp.CSharpName()))
            return;
        if (ShapeOf(partner) is { } shape)
            inferredShapes[p.CSharpName()] = (shape, FirstLine(operand.Parent ?? operand));
    }

    private static string Padded(SymbolicShape s, int rank, int axis)
    {
        var k = axis - (rank - s.Rank);
        return k < 0 ? "1 (missing)" : s[k].ToString();
    }

    private static string ShapeText(SymbolicShape s) => "[" + string.Join(", ", s.Dims.Select(d => d.ToString())) + "]";

    private SymbolicShape? CallShape(InvocationExpressionSyntax call, IMethodSymbol m)
    {
        var args = call.ArgumentList.Arguments;
        switch (m.Name)
        {
            case DslVocabulary.Transpose:
                return ShapeOf(args[0].Expression) is { } t ? Broadcasting.Transpose(t) : null;
            case DslVocabulary.MatMul:
            {
                var a = ShapeOf(args[0].Expression);
                var b = ShapeOf(args[1].Expression);
                if (a is null || b is null) return null;
                var result = Broadcasting.MatMul(a, b);
                if (result.Error is null) return result.Shape;
                var why = result.Error.Kind == ShapeErrorKind.MatMulRank
                    ? $"both must be matrices, but '{FirstLine(args[a.Rank != 2 ? 0 : 1].Expression)}' has rank {(a.Rank != 2 ? a.Rank : b.Rank)}"
                    : $"the inner dimensions {a[1]} and {b[0]} differ";
                Report(Descriptors.MatMulMismatch, SourceSpan.From(call),
                    FirstLine(args[0].Expression), ShapeText(a), FirstLine(args[1].Expression), ShapeText(b), why);
                return null;
            }
            case var _ when WholeTensorFunction(m.Name)?.Reduction is not null && m.ReturnType.ToDisplayString() == TensorType:
            {
                var input = ShapeOf(args[0].Expression);
                var axis = AxisOf(call, m, input);
                var keep = KeepDimsOf(call, m);
                if (input is null || axis is null || keep is null) return null;
                return Broadcasting.ReduceAxis(input, axis.Value, keep.Value).Shape;
            }
            case DslVocabulary.Pow:
                if (ArgumentFor(call, m, "p") is { } p && !model.GetConstantValue(p).HasValue && HyperExponent(p) is null)
                {
                    Report(Descriptors.NonConstantExponent, SourceSpan.From(p), p.ToString());
                    return null;
                }
                return ShapeOf(args[0].Expression);
            case var _ when WholeTensorFunction(m.Name)?.Unary is not null:
                return ShapeOf(args[0].Expression);
            default:
                Unsupported(call, $"'{m.Name}' does not take a whole tensor");
                return null;
        }
    }

    /// <summary>The argument bound to a parameter, by name or by position.</summary>
    private static ExpressionSyntax? ArgumentFor(InvocationExpressionSyntax call, IMethodSymbol m, string parameter)
    {
        var args = call.ArgumentList.Arguments;
        foreach (var a in args)
            if (a.NameColon?.Name.Identifier.Text == parameter) return a.Expression;
        var position = m.Parameters.IndexOf(m.Parameters.FirstOrDefault(x => x.Name == parameter)!);
        return position >= 0 && position < args.Count && args[position].NameColon is null ? args[position].Expression : null;
    }

    /// <summary>The constant axis of a reduction, normalized to count from 0; reported when it is not a constant or does not exist.</summary>
    private int? AxisOf(InvocationExpressionSyntax call, IMethodSymbol m, SymbolicShape? input)
    {
        var axisSyntax = ArgumentFor(call, m, "axis");
        if (axisSyntax is null) return null;
        var value = model.GetConstantValue(axisSyntax);
        if (!value.HasValue || value.Value is not int axis)
        {
            Unsupported(axisSyntax, "the axis of a reduction must be a constant");
            return null;
        }
        if (input is null) return null;
        var normalized = axis < 0 ? axis + input.Rank : axis;
        if (normalized < 0 || normalized >= input.Rank)
        {
            Report(Descriptors.AxisOutOfRange, SourceSpan.From(axisSyntax),
                FirstLine(call.ArgumentList.Arguments[0].Expression), ShapeText(input), axis.ToString(), input.Rank.ToString(),
                input.Rank == 1 ? "axis" : "axes", (input.Rank - 1).ToString());
            return null;
        }
        return normalized;
    }

    private bool? KeepDimsOf(InvocationExpressionSyntax call, IMethodSymbol m)
    {
        var keep = ArgumentFor(call, m, "keepDims");
        if (keep is null) return false;
        var value = model.GetConstantValue(keep);
        if (value.HasValue && value.Value is bool b) return b;
        Unsupported(keep, "keepDims must be the constant true or false");
        return null;
    }

    // ---- elements ----

    /// <summary>
    /// The IR of one element of a whole-tensor expression. <paramref name="ix"/> has one entry per
    /// axis of its shape; null marks a size-1 axis read at 0, which is how a broadcast dimension
    /// is indexed. Only called once the shape is known to be valid.
    /// </summary>
    private Expr Element(ExpressionSyntax e, IReadOnlyList<Ix?> ix)
    {
        switch (e)
        {
            case ParenthesizedExpressionSyntax p:
                return Element(p.Expression, ix);
            case IdentifierNameSyntax id when model.GetSymbolInfo(id).Symbol is ILocalSymbol l && tensorLocals.TryGetValue(l, out var init):
                return Element(init, ix);
            case IdentifierNameSyntax id when model.GetSymbolInfo(id).Symbol is IParameterSymbol p:
                return TensorElement(id, p.CSharpName(), ix);
            case PrefixUnaryExpressionSyntax neg:
                return E.Neg(Element(neg.Operand, ix));
            case BinaryExpressionSyntax bin:
            {
                var op = ArithmeticOp(bin)!.Value;
                var result = ShapeOf(bin)!;
                var a = IsTensorTyped(bin.Left) ? Element(bin.Left, Aligned(ShapeOf(bin.Left)!, result, ix)) : ParseExpr(bin.Left);
                var b = IsTensorTyped(bin.Right) ? Element(bin.Right, Aligned(ShapeOf(bin.Right)!, result, ix)) : ParseExpr(bin.Right);
                return new Binary(op, a, b);
            }
            case MemberAccessExpressionSyntax t:
                return Element(t.Expression, ix.Reverse().ToList());
            case InvocationExpressionSyntax call:
                return CallElement(call, (IMethodSymbol)model.GetSymbolInfo(call).Symbol!, ix);
            default:
                return Unsupported(e, "not a whole-tensor expression");
        }
    }

    /// <summary>
    /// An operand's indices within a broadcast result: aligned on the right, and a size-1 axis of
    /// the operand that was stretched is read at 0.
    /// </summary>
    private static IReadOnlyList<Ix?> Aligned(SymbolicShape operand, SymbolicShape result, IReadOnlyList<Ix?> ix)
    {
        var offset = result.Rank - operand.Rank;
        var aligned = new Ix?[operand.Rank];
        for (var k = 0; k < operand.Rank; k++)
            aligned[k] = operand[k].IsOne && !result[k + offset].IsOne ? null : ix[k + offset];
        return aligned;
    }

    private Expr TensorElement(IdentifierNameSyntax id, string tensor, IReadOnlyList<Ix?> ix)
    {
        // A size-1 axis is read at its one element, 0.
        var indices = ix.Select(i => i ?? new ConstIx(0)).ToEquatableArray();
        var span = SourceSpan.From(id);
        // An index the user wrote (d[i, j] on a local) is blamed where it was written, not here.
        var indexSpans = ix.Select(i => i is not null && userIndexSpans.TryGetValue(i, out var written) ? written : span);
        AddSite(new AccessSite(tensor, indices), span, indexSpans.ToEquatableArray());
        return new Access(tensor, indices);
    }

    /// <summary>A fresh index variable for an axis the user did not name, reported (if ever) at <paramref name="at"/>.</summary>
    private string FreshIndex(string name, SyntaxNode at)
    {
        var v = FreshVar(name);
        AddIndexVar(new IndexVarSite(v, name), SourceSpan.From(at));
        return v;
    }

    private Expr CallElement(InvocationExpressionSyntax call, IMethodSymbol m, IReadOnlyList<Ix?> ix)
    {
        var arg = call.ArgumentList.Arguments[0].Expression;
        switch (m.Name)
        {
            case DslVocabulary.Transpose:
                return Element(arg, ix.Reverse().ToList());
            case DslVocabulary.MatMul:
            {
                var a = ShapeOf(arg)!;
                var b = call.ArgumentList.Arguments[1].Expression;
                if (a[1].IsOne) return E.Mul(Element(arg, new[] { ix[0], null }), Element(b, new[] { null, ix[1] }));
                var k = FreshIndex("k", call);
                return new Reduce(ReduceOp.Sum, k, "",
                    new Binary(BinaryOp.Mul, Element(arg, new[] { ix[0], new VarIx(k) }), Element(b, new Ix?[] { new VarIx(k), ix[1] })));
            }
            case var _ when WholeTensorFunction(m.Name)?.Reduction is not null:
            {
                var input = ShapeOf(arg)!;
                var axis = AxisOf(call, m, input)!.Value;
                var keep = KeepDimsOf(call, m)!.Value;
                var inner = new List<Ix?>(ix);
                if (keep) inner.RemoveAt(axis);
                // A reduction over a size-1 axis is its one element, whatever the operation.
                if (input[axis].IsOne)
                {
                    inner.Insert(axis, null);
                    return Element(arg, inner);
                }
                var v = FreshIndex("r", call);
                inner.Insert(axis, new VarIx(v));
                return new Reduce(ReduceOpOf(m.Name), v, "", Element(arg, inner));
            }
            case DslVocabulary.Pow:
                var exponent = ArgumentFor(call, m, "p")!;
                if (HyperExponent(exponent) is { } hyper) return new PowHyper(Element(arg, ix), hyper);
                return new PowConst(Element(arg, ix), ToDouble(model.GetConstantValue(exponent).Value));
            default:
                return E.Un(UnaryOpOf(m.Name), Element(arg, ix));
        }
    }

    private static DslFunction? WholeTensorFunction(string name) => DslVocabulary.Find(name, DslForms.WholeTensor);

    // Callers reach these only for names the shape pass accepted as reductions or pointwise functions.
    private static ReduceOp ReduceOpOf(string name) => WholeTensorFunction(name)!.Reduction!.Value;

    private static UnaryOp UnaryOpOf(string name) => WholeTensorFunction(name)!.Unary!.Value;

    // ---- where whole tensors meet scalars ----

    /// <summary><c>Sum(X)</c>, <c>Mean(D)</c> …: the reduction over every axis, as nested reductions
    /// (the mean of row means is the mean, as every row has the same length).</summary>
    private Expr ParseFullReduction(InvocationExpressionSyntax call, string name, ExpressionSyntax tensor)
    {
        if (ShapeOf(tensor) is not { } shape) return Error;
        var names = new[] { "i", "j", "k", "l" };
        var vars = new List<string?>();
        for (var axis = 0; axis < shape.Rank; axis++)
            vars.Add(shape[axis].IsOne ? null : FreshIndex(axis < names.Length ? names[axis] : "a", call));
        var result = Element(tensor, vars.Select(v => v is null ? null : (Ix)new VarIx(v)).ToList());
        for (var n = vars.Count - 1; n >= 0; n--)
            if (vars[n] is { } v) result = new Reduce(ReduceOpOf(name), v, "", result);
        return result;
    }

    /// <summary><c>s[i, y[i]]</c> on a local defined by a whole-tensor expression.</summary>
    private Expr IndexTensorLocal(ElementAccessExpressionSyntax access, ExpressionSyntax init, EquatableArray<Ix> ix)
    {
        if (ShapeOf(init) is not { } shape) return Error;
        if (shape.Rank != ix.Count)
        {
            Report(Descriptors.RankMismatch, SourceSpan.From(access), access.Expression.ToString(),
                shape.Rank.ToString(), ShapeText(shape), ix.Count.ToString(), ix.Count == 1 ? "index" : "indices");
            return Error;
        }
        var args = access.ArgumentList.Arguments;
        for (var k = 0; k < ix.Count; k++) userIndexSpans[ix[k]] = SourceSpan.From(args[k]);
        var element = Element(init, ix.Select(i => (Ix?)i).ToList());
        foreach (var i in ix) userIndexSpans.Remove(i);
        return element;
    }
}
