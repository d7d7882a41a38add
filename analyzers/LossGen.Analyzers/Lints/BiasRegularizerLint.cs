using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Diagnostics;
using LossGen.Compiler.Model;
using LossGen.Compiler.Parse;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.Analyzers.Lints;

/// <summary>
/// LG0306: a penalty on a bias. A bias here is what the declaration itself uses as one: a
/// differentiable rank-1 tensor added to (or subtracted from) a sum, as in
/// <c>Sum(k => X[i, k] * W[k, j]) + b[j]</c>. A penalty is a <c>Sum</c> or <c>Mean</c> whose body
/// is the square, absolute value or a power of that tensor's element alone, optionally scaled
/// (<c>Sum(j => Sqr(b[j]))</c>, <c>Sum(j => beta * Abs(b[j]))</c>). Both must be in the same
/// declaration: a [Regularizer] is compiled on its own and cannot know what its argument will be.
/// </summary>
internal static class BiasRegularizerLint
{
    public static IEnumerable<Diagnostic> Run(LintContext c)
    {
        var biases = Biases(c);
        if (biases.Count == 0) yield break;
        foreach (var call in c.BodyNodes.OfType<InvocationExpressionSyntax>())
        {
            if (!(c.IsDsl(call, "Sum") || c.IsDsl(call, "Mean")) || call.ArgumentList.Arguments.Count != 1
                || StableForms.Strip(call.ArgumentList.Arguments[0].Expression) is not LambdaExpressionSyntax { Body: ExpressionSyntax body }
                || PenalizedTensor(c, body) is not { } tensor || !biases.Contains(tensor))
                continue;
            yield return LintContext.Create(Descriptors.RegularizedBias, call, DslSyntax.FirstLine(call), tensor);
        }
    }

    /// <summary>Differentiable rank-1 tensors whose elements are an operand of a + or − whose other operand holds a Sum.</summary>
    private static HashSet<string> Biases(LintContext c)
    {
        var rankOne = new HashSet<string>(c.Shaped.Tensors.Where(t => t.Kind == ParamKind.Tensor && t.Dims.Count == 1).Select(t => t.Name));
        var biases = new HashSet<string>();
        foreach (var add in c.BodyNodes.OfType<BinaryExpressionSyntax>())
        {
            if (!add.IsKind(SyntaxKind.AddExpression) && !add.IsKind(SyntaxKind.SubtractExpression)) continue;
            foreach (var (operand, other) in new[] { (add.Left, add.Right), (add.Right, add.Left) })
                if (TensorOf(c, operand) is { } name && rankOne.Contains(name)
                    && other.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(s => c.IsDsl(s, "Sum")))
                    biases.Add(name);
        }
        return biases;
    }

    /// <summary>The tensor of <c>Sqr(t[j])</c>, <c>Abs(t[j])</c>, <c>Pow(t[j], p)</c> or <c>t[j] * t[j]</c>, possibly times a factor free of tensors.</summary>
    private static string? PenalizedTensor(LintContext c, ExpressionSyntax body)
    {
        body = StableForms.Strip(body);
        if (body is BinaryExpressionSyntax mul && mul.IsKind(SyntaxKind.MultiplyExpression))
        {
            var left = TensorOf(c, mul.Left);
            if (left is not null && left == TensorOf(c, mul.Right)) return left;
            if (!ReadsTensor(c, mul.Left)) return PenalizedTensor(c, mul.Right);
            if (!ReadsTensor(c, mul.Right)) return PenalizedTensor(c, mul.Left);
            return null;
        }
        if (body is InvocationExpressionSyntax call && call.ArgumentList.Arguments.Count >= 1
            && (c.IsDsl(call, "Sqr") || c.IsDsl(call, "Abs") || c.IsDsl(call, "Pow")))
            return TensorOf(c, call.ArgumentList.Arguments[0].Expression);
        return null;
    }

    /// <summary>The tensor parameter of an element access <c>t[…]</c>.</summary>
    private static string? TensorOf(LintContext c, ExpressionSyntax e) =>
        StableForms.Strip(e) is ElementAccessExpressionSyntax access
        && c.Semantic.GetSymbolInfo(access.Expression, c.Cancellation).Symbol is IParameterSymbol p
        && c.Shaped.Tensors.Any(t => t.Name == p.Name)
            ? p.Name
            : null;

    private static bool ReadsTensor(LintContext c, ExpressionSyntax e) =>
        e.DescendantNodesAndSelf().OfType<ElementAccessExpressionSyntax>().Any() || c.DifferentiableInput(e) is not null;
}
