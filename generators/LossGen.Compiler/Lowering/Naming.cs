using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using LossGen.Compiler.Model;
using LossGen.Compiler.Passes;

namespace LossGen.Compiler.Lowering;

/// <summary>
/// Every identifier the generated code introduces, chosen so that no user name can collide with
/// one: dimension parameters, gradient buffers, the lane type parameter, temporaries and loop
/// variables. User names are kept where they are visible (the public API); inside kernels a user
/// name that would shadow a generated one gets a trailing underscore.
/// </summary>
internal static class Naming
{
    /// <summary>Names generated code uses for its own types and helpers.</summary>
    private static readonly HashSet<string> GeneratorNames = new(StringComparer.Ordinal)
    {
        "V", "T", "Scalar", "Scratch", "Guard", "Math", "IndexComparison", "System", "Span", "ReadOnlySpan", "LossGen",
        "F512", "F256", "F128", "F1", "D512", "D256", "D128", "D1", "ILanes", "value", "Validate",
    };

    /// <summary>The element type parameter of the loss kernels (float or double at each call; see KernelAttributes).</summary>
    public const string ElementType = "T";

    /// <summary>Temporaries are a short prefix and a number.</summary>
    private static readonly Regex Temporary = new(@"^((t|x|o|m|c|b|g|acc|row|rows|tile|tail|label)\d+|rem_.*|.*Array)$", RegexOptions.CultureInvariant);

    private static IEnumerable<string> UserNames(ShapedDeclaration decl) => decl.Model.Parameters.Select(p => p.Name);

    /// <summary>A dimension's parameter: its name with a lower-case first letter (N → n), made unique; a fixed size is its number.</summary>
    public static string DimParameter(ShapedDeclaration decl, string dim)
    {
        // A fixed size is its own literal: no parameter carries it.
        if (Shapes.DimNames.IsFixed(dim)) return dim;
        var taken = new HashSet<string>(UserNames(decl).Concat(decl.Tensors.Select(t => "d" + CSharpNames.Bare(t.Name))).Concat(GeneratorNames));
        foreach (var other in decl.Dims)
        {
            var name = Unique(char.ToLowerInvariant(other[0]) + other.Substring(1), "Dim", taken);
            if (other == dim) return name;
            taken.Add(name);
        }
        throw new InvalidOperationException("Unknown dimension " + dim);
    }

    /// <summary>A dimension's extent in kernel code: its parameter (a name), or the number of a fixed size (text).</summary>
    public static Code Extent(ShapedDeclaration decl, string dim) =>
        Shapes.DimNames.IsFixed(dim) ? CodeBuilding.Tx(dim) : CodeBuilding.Ref(DimParameter(decl, dim));

    /// <summary>The gradient buffer of a tensor: d + its name (s → ds, W → dW, @float → dfloat), made unique.</summary>
    public static string Gradient(ShapedDeclaration decl, string tensor)
    {
        var taken = new HashSet<string>(UserNames(decl).Select(CSharpNames.Bare).Concat(GeneratorNames));
        return Unique("d" + CSharpNames.Bare(tensor), "Grad", taken);
    }

    /// <summary>A user's tensor or hyper-parameter name as used inside the generated kernels.</summary>
    /// <remarks>One underscore takes the name off the generated ones, as it always has (the loop runs
    /// only over user names, so it ends);
    /// more are appended while that names another of the user's parameters (T and T_ become T__ and T_).</remarks>
    public static string Kernel(ShapedDeclaration decl, string userName)
    {
        if (!GeneratorNames.Contains(userName) && !Temporary.IsMatch(userName)) return userName;
        var users = new HashSet<string>(UserNames(decl), StringComparer.Ordinal);
        var name = userName + "_";
        while (users.Contains(name)) name += "_";
        return name;
    }

    /// <summary>The kernel parameter holding a batch's row indices, for the row tensors read by index (RowLayout.ReadByIndex).</summary>
    public static string BatchRows(ShapedDeclaration decl) => Unique("batchRows", "Of", Reserved(decl));

    /// <summary>The rows of a by-index tensor gathered for one batch (X → XBatch), made unique; its rented array adds Array, a temporary's suffix no user name keeps.</summary>
    public static string Batch(ShapedDeclaration decl, string tensor) => Unique(CSharpNames.Bare(tensor) + "Batch", "_", Reserved(decl));

    /// <summary>Names a loop variable must avoid: parameters, dimensions, gradients and generated names.</summary>
    public static HashSet<string> Reserved(ShapedDeclaration decl)
    {
        var reserved = new HashSet<string>(UserNames(decl).Select(n => Kernel(decl, n)), StringComparer.Ordinal);
        reserved.UnionWith(GeneratorNames);
        foreach (var d in decl.Dims) reserved.Add(DimParameter(decl, d));
        foreach (var t in decl.Tensors) reserved.Add(Gradient(decl, t.Name));
        return reserved;
    }

    /// <summary>Whether a name could be taken for a generated temporary.</summary>
    public static bool LooksLikeTemporary(string name) => Temporary.IsMatch(name);

    private static string Unique(string name, string suffix, HashSet<string> taken)
    {
        if (!taken.Contains(name)) return name;
        var candidate = name + suffix;
        for (var n = 2; taken.Contains(candidate); n++) candidate = name + suffix + n;
        return candidate;
    }
}
