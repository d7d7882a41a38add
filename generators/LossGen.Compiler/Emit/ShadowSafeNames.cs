using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Model;

namespace LossGen.Compiler.Emit;

/// <summary>
/// How the public entry points and <c>Validate</c> refer to LossGen's runtime types and to the
/// struct's own generated methods. Those methods have the user's parameters in scope, so a tensor
/// named <c>Guard</c>, <c>F512</c> or <c>Validate</c> would shadow the type or method of that name.
/// A shadowed name is written fully qualified (<c>global::LossGen.CompilerServices.Guard</c>, the struct's
/// own <c>global::</c> name); every other stays short, so ordinary generated code reads as before.
/// </summary>
internal sealed class ShadowSafeNames
{
    private readonly HashSet<string> userNames;
    private readonly string self;

    /// <param name="userNames">The parameter names of the declaration, as spelled.</param>
    /// <param name="ns">The declaration's namespace, as spelled; empty for the global namespace.</param>
    /// <param name="containingTypes">The names of the types it is nested in, outermost first, as spelled.</param>
    /// <param name="typeName">The declaration's own name, as spelled.</param>
    public ShadowSafeNames(IEnumerable<string> userNames, string ns, IEnumerable<string> containingTypes, string typeName)
    {
        this.userNames = new HashSet<string>(userNames.Select(CSharpNames.Bare));
        self = "global::" + string.Join(".", new[] { ns }.Where(n => n.Length > 0).Concat(containingTypes).Append(typeName));
    }

    /// <summary>A plumbing type of LossGen.CompilerServices (Guard, OptimizerGuard).</summary>
    public string Runtime(string type) => userNames.Contains(type) ? "global::LossGen.CompilerServices." + type : type;

    /// <summary>A lane type of LossGen.CompilerServices (F512 … D1), where it is used as an expression.</summary>
    public string Lanes(string type) => userNames.Contains(type) ? "global::LossGen.CompilerServices." + type : type;

    /// <summary>A static method of the declaration's own struct (Validate, ValueKernel, StepKernel).</summary>
    public string Own(string method) => userNames.Contains(method) ? self + "." + method : method;
}
