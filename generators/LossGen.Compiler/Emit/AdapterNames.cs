using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Model;

namespace LossGen.Compiler.Emit;

/// <summary>
/// Identifiers for the trainer adapters nested in a declaration's struct (Objective&lt;T&gt;,
/// Optimizer&lt;T&gt;): their own names are chosen clear of everything already in scope, and the
/// owning struct is named so that no member or parameter of theirs can shadow it.
/// </summary>
internal static class AdapterNames
{
    /// <summary>The names already taken around an adapter: the struct's own name and every identifier in its containers' names (type parameters included).</summary>
    public static HashSet<string> TakenAround(string typeName, IEnumerable<ContainingType> containing)
    {
        var taken = new HashSet<string> { CSharpNames.Bare(typeName) };
        foreach (var outer in containing)
            foreach (var token in outer.Name.Split('<', '>', ',', ' '))
                if (token.Length > 0) taken.Add(CSharpNames.Bare(token));
        return taken;
    }

    /// <summary><paramref name="name"/>, with underscores appended while it is taken; the result is taken from then on.</summary>
    public static string Pick(string name, HashSet<string> taken)
    {
        while (taken.Contains(name)) name += "_";
        taken.Add(name);
        return name;
    }

    /// <summary>
    /// The owning struct as an adapter calls it: <c>global::</c>-qualified, or, inside a generic
    /// container (whose type arguments cannot be named from the nested type), by its simple name.
    /// </summary>
    public static string Owner(string ns, IEnumerable<ContainingType> containing, string typeName)
    {
        var outers = containing.ToList();
        return outers.Any(c => c.Name.Contains("<"))
            ? typeName
            : "global::" + string.Join(".", new[] { ns }.Where(n => n.Length > 0).Concat(outers.Select(c => c.Name)).Append(typeName));
    }
}
