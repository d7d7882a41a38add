using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LossGen.Analyzers.Lints;

/// <summary>The lints of one declaration that compiles, in ID order.</summary>
internal static class DeclarationLints
{
    public static IEnumerable<Diagnostic> Run(LintContext c) =>
        StabilityLints.Run(c)
            .Concat(LargeDimensionLint.Run(c))
            .Concat(BiasRegularizerLint.Run(c))
            .Concat(NonDifferentiableLint.Run(c))
            .Concat(MissingShapeLint.Run(c));
}
