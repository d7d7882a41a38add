using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Diagnostics;
using LossGen.Compiler.Parse;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.Analyzers.Lints;

/// <summary>
/// LG0307: a differentiable tensor reaches the loss only through an operation whose derivative is
/// zero almost everywhere, so the generated gradient through it is 0 — a step function is almost
/// never what a loss that is trained by gradient descent meant. The DSL has two such operations:
/// <c>Sign(x)</c>, and a conditional that compares a differentiable value but whose arms do not
/// depend on any (<c>s[i, j] > 0 ? 1f : 0f</c>, a 0-1 loss). A conditional whose arms carry the
/// value (<c>m > 0 ? m : 0</c>, a hinge) is differentiable and not reported. (A cast to int, the
/// DSL's only rounding, is LG0005: it is not computed at all.)
/// </summary>
internal static class NonDifferentiableLint
{
    public static IEnumerable<Diagnostic> Run(LintContext c)
    {
        foreach (var node in c.BodyNodes)
        {
            switch (node)
            {
                case InvocationExpressionSyntax call when c.IsDsl(call, "Sign")
                                                          && c.DifferentiableInput(call.ArgumentList) is { } tensor:
                    yield return LintContext.Create(Descriptors.NonDifferentiableOperation, call, DslSyntax.FirstLine(call), tensor, "Sign");
                    break;
                case ConditionalExpressionSyntax conditional when c.DifferentiableInput(conditional.Condition) is { } tensor
                                                                 && c.DifferentiableInput(conditional.WhenTrue) is null
                                                                 && c.DifferentiableInput(conditional.WhenFalse) is null:
                    yield return LintContext.Create(Descriptors.NonDifferentiableOperation, conditional, DslSyntax.FirstLine(conditional), tensor, "a comparison");
                    break;
            }
        }
    }
}
