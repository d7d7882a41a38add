using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Lowering;

namespace LossGen.Compiler.Emit;

/// <summary>A variable in scope where an <see cref="Outlined"/> part is called: its C# type and name (as a parameter, whether by reference).</summary>
internal sealed record Variable(string Type, string Name, bool ByRef = false)
{
    public string Argument => ByRef ? "ref " + Name : Name;
    public string Parameter => (ByRef ? "ref " : "") + Type + " " + Name;
}

/// <summary>
/// The <see cref="Outlined"/> parts of one kernel: each becomes a private static generic method
/// after the kernel, called where the part stood. Its parameters are the variables in scope there
/// (kernel parameters, scratch rows, locals declared before it) that its code names; those it
/// assigns go by <c>ref</c> (a single one, the usual accumulator, by value and back as the result),
/// spans and everything else by value. Names read and assigned come from the statement tree
/// (<see cref="Code.Names"/>, <see cref="Assign"/>), not from the printed text.
/// </summary>
internal sealed class OutlinedMethods
{
    private readonly string kernel;
    private readonly List<(string Name, Outlined Part, List<Variable> Parameters, Variable? Returned, HashSet<string> Used)> parts = new();

    /// <param name="kernel">The kernel's name: the methods are named after it.</param>
    public OutlinedMethods(string kernel)
    {
        this.kernel = kernel;
    }

    /// <summary>Registers a part and returns the call that replaces it.</summary>
    public string Call(Outlined part, IReadOnlyList<Variable> inScope)
    {
        var used = new HashSet<string>();
        var assigned = new HashSet<string>();
        Collect(part.Body, used, assigned);
        var parameters = inScope.Where(v => used.Contains(v.Name))
            .Select(v => v with { ByRef = assigned.Contains(v.Name) })
            .ToList();
        // One assigned variable (the usual accumulator) goes in by value and comes back as the
        // result: passing it by ref would take its address, which keeps it in memory in the caller
        // for the whole kernel, the row loop included.
        var byRef = parameters.Where(p => p.ByRef).ToList();
        var returned = byRef.Count == 1 ? byRef[0] with { ByRef = false } : null;
        if (returned is not null) parameters = parameters.Select(p => p.Name == returned.Name ? returned : p).ToList();
        var name = kernel + "RowBlocks" + (parts.Count == 0 ? "" : (parts.Count + 1).ToString());
        parts.Add((name, part, parameters, returned, used));
        var call = $"{name}{KernelAttributes.TypeParameters()}({string.Join(", ", parameters.Select(p => p.Argument))});";
        return returned is null ? call : $"{returned.Name} = {call}";
    }

    /// <summary>Writes the methods, each after a blank line.</summary>
    public void Write(CodeWriter w)
    {
        // Parts are registered while printing, so a part inside a part is written after its caller.
        for (var i = 0; i < parts.Count; i++)
        {
            var (name, part, parameters, returned, used) = parts[i];
            w.Line();
            w.Line("/// <summary>" + Xml(part.Summary) + "</summary>");
            w.Line(KernelAttributes.Line);
            var vectors = parameters.Where(p => p.Type == "V" && !p.ByRef).ToList();
            var arriving = ArrivingNames(used, parameters, vectors);
            var renamed = parameters.Select(p => arriving.TryGetValue(p.Name, out var a) ? p with { Name = a } : p);
            w.Line($"private static {returned?.Type ?? "void"} {name}{KernelAttributes.TypeParameters()}({string.Join(", ", renamed.Select(p => p.Parameter))})");
            foreach (var constraint in KernelAttributes.Constraints()) w.Line("    " + constraint);
            w.Open("");
            KernelPrinter.Print(w, WithVectorCopies(part.Body, vectors, arriving), this, parameters.Select(p => p with { ByRef = false }).ToList());
            if (returned is not null) w.Line($"return {returned.Name};");
            w.Close();
        }
    }

    /// <summary>
    /// A vector passed by value arrives on the stack, and the JIT kept such a parameter there through
    /// the loops (reloaded, and stored back, every iteration: SVM at C = 10 0.49 → 0.42 ns per score
    /// without). Each is copied into a local just before the first loop, after the tiles are rented:
    /// a call clobbers every vector register, so a copy made before those calls would be spilled too.
    /// </summary>
    private static List<Stmt> WithVectorCopies(List<Stmt> body, List<Variable> vectors, Dictionary<string, string> arriving)
    {
        if (vectors.Count == 0) return body;
        var copies = new List<Stmt> { new Comment("the vectors arrive on the stack; copied here, after the calls above, they stay in registers through the loop") };
        copies.AddRange(vectors.Select(v => new Let("V", v.Name, CodeBuilding.Ref(arriving[v.Name]))));
        var at = body.FindIndex(s => s is Compound);
        var result = new List<Stmt>(body);
        result.InsertRange(at < 0 ? 0 : at, copies);
        return result;
    }

    /// <summary>
    /// The parameter name each vector arrives under: its local's name + "Arg", with "_" appended
    /// while that names anything else the method sees (<paramref name="used"/>, the identifiers of
    /// its code; a user's hyper-parameter may be called b2Arg).
    /// </summary>
    private static Dictionary<string, string> ArrivingNames(HashSet<string> used, List<Variable> parameters, List<Variable> vectors)
    {
        var taken = new HashSet<string>(used);
        taken.UnionWith(parameters.Select(p => p.Name));
        var names = new Dictionary<string, string>();
        foreach (var v in vectors)
        {
            var name = v.Name + "Arg";
            while (taken.Contains(name)) name += "_";
            taken.Add(name);
            names[v.Name] = name;
        }
        return names;
    }

    /// <summary>
    /// The names the statements declare or read (<paramref name="used"/>; comments name nothing) and
    /// the variables they assign themselves (<paramref name="assigned"/>; a store into an element of a
    /// span assigns nothing). A loop assigns only its own variable, declared in it or just before it.
    /// </summary>
    private static void Collect(IEnumerable<Stmt> stmts, HashSet<string> used, HashSet<string> assigned)
    {
        foreach (var s in stmts)
        {
            switch (s)
            {
                case Let l: used.Add(l.Name); used.UnionWith(l.Value.Names); break;
                case Assign a: used.Add(a.Name); assigned.Add(a.Name); used.UnionWith(a.Value.Names); break;
                case Do d: used.UnionWith(d.Code.Names); break;
                case GradWrite g: used.UnionWith(g.Code.Names); break;
                case Guarded g: used.UnionWith(g.Condition.Names); Collect(new[] { g.Then }, used, assigned); break;
                case Loop l:
                    used.Add(l.Var);
                    used.UnionWith(l.From.Names);
                    used.UnionWith(l.To.Names);
                    Collect(l.Body, used, assigned);
                    break;
                case If i: used.UnionWith(i.Condition.Names); Collect(i.Body, used, assigned); break;
                case Block b: Collect(b.Body, used, assigned); break;
                case Outlined o: Collect(o.Body, used, assigned); break;
            }
        }
    }

    private static string Xml(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
