using LossGen.Compiler.Lowering;

namespace LossGen.Compiler.Emit;

/// <summary>Prints a lowered kernel's statement tree.</summary>
internal static class KernelPrinter
{
    public static void Print(CodeWriter w, System.Collections.Generic.IEnumerable<Stmt> stmts)
    {
        foreach (var s in stmts)
        {
            switch (s)
            {
                case Line l: w.Line(l.Code); break;
                case GradWrite g: w.Line(g.Code); break;
                case Comment c: w.Line("// " + c.Text); break;
                case Block b:
                    w.Open(b.Header ?? "");
                    Print(w, b.Body);
                    w.Close();
                    break;
            }
        }
    }
}
