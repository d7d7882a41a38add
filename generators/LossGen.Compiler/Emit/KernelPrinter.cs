using System.Collections.Generic;
using LossGen.Compiler.Lowering;

namespace LossGen.Compiler.Emit;

/// <summary>Prints a lowered kernel's statement tree.</summary>
internal static class KernelPrinter
{
    /// <summary>
    /// Prints <paramref name="stmts"/>; an <see cref="Outlined"/> part becomes a call registered with
    /// <paramref name="outlined"/>, which needs the variables in scope there: <paramref name="inScope"/>
    /// (the kernel's parameters) and the declarations printed before it in enclosing blocks.
    /// </summary>
    public static void Print(CodeWriter w, IEnumerable<Stmt> stmts, OutlinedMethods outlined, List<Variable> inScope)
    {
        var scope = new List<Variable>(inScope);
        foreach (var s in stmts)
        {
            switch (s)
            {
                case Line l:
                    w.Line(l.Code);
                    if (OutlinedMethods.Declared(l) is { } v) scope.Add(v);
                    break;
                case GradWrite g: w.Line(g.Code); break;
                case Comment c: w.Line("// " + c.Text); break;
                case Block b:
                    w.Open(b.Header ?? "");
                    Print(w, b.Body, outlined, scope);
                    w.Close();
                    break;
                case Outlined o:
                    w.Line("// a method of its own, so that the JIT inlines its lane calls under a budget of their own");
                    w.Line(outlined.Call(o, scope));
                    break;
            }
        }
    }
}
