using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using LossGen.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.Analyzers.Lints;

/// <summary>
/// LG0308 (information): a tensor or labels parameter without <c>[Shape]</c>. Its dimensions are
/// inferred from use (the Shapes pass), which works, but the names then come from the first axis
/// they were seen on (<c>sDim1</c>) and become the generated API's size parameters; naming them
/// documents the declaration and lets the shape checks catch a use that contradicts the intent.
/// The inferred names travel in the diagnostic's <see cref="DimensionsProperty"/> for the fix.
/// </summary>
internal static class MissingShapeLint
{
    /// <summary>The inferred dimension names, comma-separated, outermost first.</summary>
    public const string DimensionsProperty = "Dimensions";

    public static IEnumerable<Diagnostic> Run(LintContext c)
    {
        foreach (var parameter in c.Define.ParameterList.Parameters)
        {
            var model = c.Shaped.Model.Parameters.FirstOrDefault(p => p.Name == parameter.Identifier.Text);
            if (model is null || !model.IsTensor || model.DeclaredDims.Count > 0) continue;
            var shape = c.Shaped.Tensors.FirstOrDefault(t => t.Name == model.Name);
            // A tensor that is never indexed has no dimensions to infer (nor to suggest).
            if (shape is null || shape.Dims.Count == 0) continue;
            var properties = ImmutableDictionary<string, string?>.Empty.Add(DimensionsProperty, string.Join(",", shape.Dims));
            yield return Diagnostic.Create(Descriptors.MissingShape, parameter.Identifier.GetLocation(), properties,
                model.Name, string.Join(", ", shape.Dims));
        }
    }
}
