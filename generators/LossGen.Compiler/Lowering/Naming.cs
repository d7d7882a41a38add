using System.Linq;
using LossGen.Compiler.Passes;

namespace LossGen.Compiler.Lowering;

/// <summary>Names the generated API uses for dimensions and gradient buffers.</summary>
internal static class Naming
{
    /// <summary>A dimension's parameter: its name with a lower-case first letter (N → n, sDim1 → sDim1).</summary>
    public static string DimParameter(ShapedDeclaration decl, string dim)
    {
        var name = char.ToLowerInvariant(dim[0]) + dim.Substring(1);
        return decl.Model.Parameters.Any(p => p.Name == name) ? name + "Dim" : name;
    }

    /// <summary>The gradient buffer of a tensor: d + its name (s → ds, W → dW).</summary>
    public static string Gradient(ShapedDeclaration decl, string tensor)
    {
        var name = "d" + tensor;
        return decl.Model.Parameters.Any(p => p.Name == name) ? "grad_" + tensor : name;
    }
}
