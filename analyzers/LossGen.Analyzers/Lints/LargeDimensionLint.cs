using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LossGen.Compiler.Diagnostics;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Lowering;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.Analyzers.Lints;

/// <summary>
/// LG0304: a sum over a dimension the declaration says is large (<c>[DimensionSize("V", n)]</c>)
/// that the float kernels accumulate in float. Reductions the kernels run as scalar loops already
/// accumulate in double; the ones that run in vector lanes (their index is the last, contiguous
/// index of everything they read: <see cref="Vectorization.CanVectorize"/>) accumulate in float
/// lanes, and a float sum stops resolving its terms once it holds 2^24 of them (16777216f + 1f is
/// 16777216f). Sum, Mean and LogSumExp accumulate; Max and Min do not round. Reported at the
/// reduction's name (<c>Sum</c>), the body being the loop's, not the accumulator's.
/// </summary>
internal static class LargeDimensionLint
{
    private const string Attribute = "LossGen.DimensionSizeAttribute";

    /// <summary>2^24: where a float accumulator of unit terms stops counting.</summary>
    public const long Threshold = 1L << 24;

    public static IEnumerable<Diagnostic> Run(LintContext c)
    {
        var sizes = DeclaredSizes(c.Type);
        if (sizes.Count == 0) yield break;
        var reductions = ExprWalk.Nodes(c.Shaped.Body).OfType<Reduce>()
            .Where(r => r.Op is ReduceOp.Sum or ReduceOp.Mean or ReduceOp.LogSumExp)
            .GroupBy(r => r.Var).ToDictionary(g => g.Key, g => g.First());

        foreach (var call in c.BodyNodes.OfType<InvocationExpressionSyntax>())
        {
            if (!(c.IsDsl(call, "Sum") || c.IsDsl(call, "Mean") || c.IsDsl(call, "LogSumExp"))
                || call.ArgumentList.Arguments.Count != 1 || StableForms.Strip(call.ArgumentList.Arguments[0].Expression) is not LambdaExpressionSyntax lambda)
                continue;
            foreach (var parameter in Parameters(lambda))
            {
                // The parser names every index variable uniquely and records where it was declared.
                var site = c.IndexVarDeclaredAt(parameter.Span);
                if (site is null || !reductions.TryGetValue(site.Var, out var reduce)
                    || !sizes.TryGetValue(reduce.Dim, out var size) || size < Threshold
                    || !Vectorization.CanVectorize(reduce.Var, new Expr[] { reduce }))
                    continue;
                yield return LintContext.Create(Descriptors.FloatAccumulationOverLargeDimension, call.Expression,
                    $"{StableForms.CalleeName(call)}({StableForms.Parameters(lambda)} => …)", reduce.Dim,
                    size.ToString("N0", CultureInfo.InvariantCulture), c.Type.Name);
                break;
            }
        }
    }

    private static Dictionary<string, long> DeclaredSizes(INamedTypeSymbol type)
    {
        var sizes = new Dictionary<string, long>();
        foreach (var a in type.GetAttributes())
            if (a.AttributeClass?.ToDisplayString() == Attribute && a.ConstructorArguments.Length == 2
                && a.ConstructorArguments[0].Value is string dim && a.ConstructorArguments[1].Value is long size)
                sizes[dim] = size;
        return sizes;
    }

    private static IEnumerable<ParameterSyntax> Parameters(LambdaExpressionSyntax lambda) => lambda switch
    {
        SimpleLambdaExpressionSyntax s => new[] { s.Parameter },
        ParenthesizedLambdaExpressionSyntax p => p.ParameterList.Parameters,
        _ => Enumerable.Empty<ParameterSyntax>(),
    };
}
