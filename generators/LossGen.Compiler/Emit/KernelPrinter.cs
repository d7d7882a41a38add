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
    public static void Print(CodeWriter w, IEnumerable<Stmt> stmts, OutlinedMethods outlined, List<Variable> inScope) =>
        PrintScoped(w, stmts, outlined, inScope);

    /// <summary>Prints straight-line statements, which have no <see cref="Outlined"/> parts (an optimizer's loop body).</summary>
    public static void Print(CodeWriter w, IEnumerable<Stmt> stmts) => PrintScoped(w, stmts, null, new List<Variable>());

    private static void PrintScoped(CodeWriter w, IEnumerable<Stmt> stmts, OutlinedMethods? outlined, List<Variable> inScope)
    {
        var scope = new List<Variable>(inScope);
        foreach (var s in stmts)
        {
            switch (s)
            {
                case Let l:
                    w.Line(Statement(l));
                    scope.Add(new Variable(l.Type, l.Name));
                    break;
                case Assign or Do or Guarded or GradWrite or Return: w.Line(Statement(s)); break;
                case Comment c: w.Line("// " + c.Text); break;
                case Compound c:
                    w.Open(Header(c));
                    PrintScoped(w, c.Body, outlined, scope);
                    w.Close();
                    break;
                case Outlined o when outlined is not null:
                    w.Line("// a method of its own, so that the JIT inlines its lane calls under a budget of their own");
                    w.Line(outlined.Call(o, scope));
                    break;
                case Outlined:
                    throw new System.InvalidOperationException("An outlined part in straight-line code");
            }
        }
    }

    private static string Header(Compound c) => c switch
    {
        Loop { Kind: LoopKind.Scalar } l => $"for (int {l.Var} = {l.From}; {l.Var} < {l.To}; {l.Var}++)",
        Loop { Kind: LoopKind.RowBlocks } l => $"for (int {l.Var} = {l.From}; {l.Var} < {l.To}; {l.Var} += V.Count)",
        Loop l => $"for (; {l.Var} <= {l.To} - V.Count; {l.Var} += V.Count)",
        If i => $"if ({i.Condition})",
        _ => "",
    };

    /// <summary>A statement that fits on one line.</summary>
    private static string Statement(Stmt s) => s switch
    {
        Let l => $"{l.Type} {l.Name} = {l.Value};",
        Assign a => $"{a.Name} {a.Op} {a.Value};",
        Do d => $"{d.Code};",
        GradWrite g => $"{g.Code};",
        Guarded g => $"if ({g.Condition}) {Statement(g.Then)}",
        Return r => $"return {r.Value};",
        _ => throw new System.InvalidOperationException("Not a one-line statement: " + s.GetType().Name),
    };
}
