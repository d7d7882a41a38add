using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
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
/// spans and everything else by value.
/// </summary>
internal sealed class OutlinedMethods
{
    // A declaration as Lower writes it: "double t16 = …;", "V b11 = …;", "int rows2 = …;".
    // Identifiers as C# spells them: a letter or underscore first (any script), and a verbatim '@'
    // for a user name that is a keyword (@in), which is part of the name as printed.
    private static readonly Regex Declaration = new(@"^([A-Za-z_][\w<>\[\]]*) (@?[\p{L}_]\w*) = ");
    private static readonly Regex Identifier = new(@"(?<![\w.@])@?[\p{L}_]\w*");

    private readonly string kernel;
    private readonly List<(string Name, Outlined Part, List<Variable> Parameters, Variable? Returned, HashSet<string> Used)> parts = new();

    /// <param name="kernel">The kernel's name: the methods are named after it.</param>
    public OutlinedMethods(string kernel)
    {
        this.kernel = kernel;
    }

    /// <summary>The variable a statement declares, if it is a declaration.</summary>
    public static Variable? Declared(Stmt s) =>
        s is Line l && Declaration.Match(l.Code) is { Success: true } m ? new Variable(m.Groups[1].Value, m.Groups[2].Value) : null;

    /// <summary>Registers a part and returns the call that replaces it.</summary>
    public string Call(Outlined part, IReadOnlyList<Variable> inScope)
    {
        var code = CodeOf(part.Body);
        var used = new HashSet<string>(Identifier.Matches(code).Cast<Match>().Select(m => m.Value));
        var parameters = inScope.Where(v => used.Contains(v.Name))
            .Select(v => v with { ByRef = Assigns(code, v.Name) })
            .ToList();
        // One assigned variable (the usual accumulator) goes in by value and comes back as the
        // result: passing it by ref would take its address, which keeps it in memory in the caller
        // for the whole kernel, the row loop included.
        var assigned = parameters.Where(p => p.ByRef).ToList();
        var returned = assigned.Count == 1 ? assigned[0] with { ByRef = false } : null;
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
        copies.AddRange(vectors.Select(v => new Line($"V {v.Name} = {arriving[v.Name]};")));
        var at = body.FindIndex(s => s is Block);
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

    /// <summary>The code of the statements without their comments (a comment may name a tensor the code never reads).</summary>
    private static string CodeOf(IEnumerable<Stmt> stmts)
    {
        var text = new StringBuilder();
        foreach (var s in stmts)
        {
            switch (s)
            {
                case Line l: text.AppendLine(l.Code); break;
                case GradWrite g: text.AppendLine(g.Code); break;
                case Block b: text.AppendLine(b.Header ?? "").AppendLine(CodeOf(b.Body)); break;
                case Outlined o: text.AppendLine(CodeOf(o.Body)); break;
            }
        }
        return text.ToString();
    }

    /// <summary>Whether the code assigns the variable itself (<c>acc1 = …</c>, <c>g2 += …</c>), not an element of it.</summary>
    private static bool Assigns(string code, string name) =>
        Regex.IsMatch(code, @"(?<![\w.@])" + Regex.Escape(name) + @"\s*([-+*/]?=(?!=)|\+\+|--)")
        || Regex.IsMatch(code, @"(\+\+|--)" + Regex.Escape(name) + @"(?!\w)");

    private static string Xml(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
