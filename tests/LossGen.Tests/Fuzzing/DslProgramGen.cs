using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace LossGen.Tests.Fuzzing;

/// <summary>A piece of DSL source and the index variables it uses in an element access (the only use that gives a variable its range).</summary>
internal sealed record Frag(string Code, ImmutableHashSet<string> Uses)
{
    public static Frag Leaf(string code) => new(code, ImmutableHashSet<string>.Empty);

    public static Frag Of(string code, params Frag[] parts) => new(code, parts.Aggregate(ImmutableHashSet<string>.Empty, (u, p) => u.Union(p.Uses)));
}

/// <summary>An index variable in scope and the dimension it ranges over.</summary>
internal sealed record IndexVarInScope(string Name, string Dim);

/// <summary>A named comprehension declared earlier in the body, with the dimensions of its parameters.</summary>
internal sealed record Comprehension(string Name, ImmutableArray<string> Dims);

/// <summary>What an expression may refer to at the point it is generated.</summary>
internal sealed record Scope(ImmutableList<IndexVarInScope> Vars, ImmutableList<Comprehension> Comprehensions, ImmutableList<string> Scalars, int Level)
{
    public static readonly Scope Empty = new(ImmutableList<IndexVarInScope>.Empty, ImmutableList<Comprehension>.Empty, ImmutableList<string>.Empty, 1);
}

/// <summary>
/// An FsCheck generator of random, valid DSL loss declarations over one fixed signature:
/// <c>s[N, C]</c>, <c>u[N]</c>, <c>b[C]</c>, <c>w[D]</c> differentiable, <c>X[N, D]</c> constant,
/// labels <c>y[N]</c> into C, hyper-parameters <c>alpha</c> and <c>beta = …</c>.
/// </summary>
/// <remarks>
/// Every program is in the DSL's domain by construction, so a mismatch is the compiler's fault:
/// Exp only of bounded arguments (tanh, inputs), Log/Sqrt/Pow with a fractional exponent only of
/// arguments ≥ 1 (1 + x², 2 + tanh x), division only by such, conditionals only on indices and
/// labels (a value comparison would put a jump, not a kink, into the function, and no gradient
/// check can pass a jump). Every reduction's variable indexes some tensor, so its range is known.
/// Generators are built lazily (SelectMany after the choice), so the recursion only unfolds
/// along the branch that is drawn.
/// </remarks>
internal static class DslProgramGen
{
    public static readonly string[] DiffTensors = { "s", "u", "b", "w" };
    public static readonly string[] AllTensors = { "s", "u", "b", "w", "X" };

    public const string Signature =
        "[Shape(\"N\", \"C\")] Tensor s, [Shape(\"N\")] Tensor u, [Shape(\"C\")] Tensor b, [Shape(\"D\")] Tensor w, "
        + "[Const, Shape(\"N\", \"D\")] Tensor X, [Shape(\"N\")] Labels y, float alpha";

    private static readonly (string Tensor, string[] Dims)[] Tensors =
    {
        ("s", new[] { "N", "C" }), ("u", new[] { "N" }), ("b", new[] { "C" }), ("w", new[] { "D" }), ("X", new[] { "N", "D" }),
    };

    private static readonly string[] Dims = { "N", "C", "D" };

    /// <summary>A random program: local declarations, the returned expression, and the default of beta.</summary>
    public static Gen<GeneratedProgram> Program(int maxDepth) =>
        from comprehensionCount in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)))
        from scalarCount in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Constant(1)))
        from beta in Gen.Elements("0.5f", "1f", "0.25f", "2f", "1e-3f")
        from locals in Locals(comprehensionCount, scalarCount, maxDepth)
        from result in Closed(locals.Scope, maxDepth)
        select new GeneratedProgram(locals.Statements, result.Code, beta);

    private static Gen<(string Statements, Scope Scope)> Locals(int comprehensions, int scalars, int maxDepth)
    {
        Gen<(string, Scope)> acc = Gen.Constant(("", Scope.Empty));
        for (var n = 1; n <= comprehensions; n++)
        {
            var name = "t" + n;
            acc = from prev in acc
                  from arity in Gen.Choose(1, 2)
                  from dims in Gen.Elements(Dims).ArrayOf(arity)
                  from body in ComprehensionBody(prev.Item2, dims, maxDepth - 1)
                  select (prev.Item1 + $"var {name} = Tensor.Of({body});\n",
                          prev.Item2 with { Comprehensions = prev.Item2.Comprehensions.Add(new Comprehension(name, dims.ToImmutableArray())) });
        }
        for (var n = 1; n <= scalars; n++)
        {
            var name = "m" + n;
            acc = from prev in acc
                  from value in Closed(prev.Item2, maxDepth - 1)
                  select (prev.Item1 + $"var {name} = {value.Code};\n", prev.Item2 with { Scalars = prev.Item2.Scalars.Add(name) });
        }
        return acc;
    }

    private static Gen<string> ComprehensionBody(Scope outer, string[] dims, int depth)
    {
        var ps = dims.Select((d, k) => new IndexVarInScope("p" + (k + 1), d)).ToList();
        var scope = outer with { Vars = ImmutableList.CreateRange(ps) };
        var lambda = ps.Count == 1 ? ps[0].Name : "(" + string.Join(", ", ps.Select(p => p.Name)) + ")";
        return from body in Expr(scope, depth)
               from used in EnsureUses(body, ps)
               select lambda + " => " + used.Code;
    }

    /// <summary>A closed expression (no free index variable): a reduction or a scalar.</summary>
    private static Gen<Frag> Closed(Scope scope, int depth) =>
        Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Constant(1))).SelectMany(k => k == 0
            ? Reduction(scope, depth)
            : from a in Reduction(scope, depth) from b in Reduction(scope, depth) select Frag.Of($"{a.Code} + {b.Code}", a, b));

    /// <summary>A random expression over the variables in scope.</summary>
    public static Gen<Frag> Expr(Scope scope, int depth)
    {
        if (depth <= 0) return Leaf(scope);
        var d = depth - 1;
        return Gen.Frequency(
                (4, Gen.Constant(Kind.Leaf)), (4, Gen.Constant(Kind.Arith)), (1, Gen.Constant(Kind.Div)), (1, Gen.Constant(Kind.Neg)),
                (3, Gen.Constant(Kind.Smooth)), (2, Gen.Constant(Kind.Kinked)), (1, Gen.Constant(Kind.Exp)), (1, Gen.Constant(Kind.Log)),
                (1, Gen.Constant(Kind.Sqrt)), (1, Gen.Constant(Kind.Pow)), (2, Gen.Constant(Kind.MaxMin)), (3, Gen.Constant(Kind.Reduce)),
                (2, Gen.Constant(Kind.Select)))
            .SelectMany(kind => kind switch
            {
                Kind.Leaf => Leaf(scope),
                Kind.Arith => from op in Gen.Elements("+", "-", "*")
                              from a in Expr(scope, d)
                              from b in Expr(scope, d)
                              select Frag.Of($"({a.Code} {op} {b.Code})", a, b),
                Kind.Div => from a in Expr(scope, d)
                            from b in Expr(scope, d)
                            from form in Gen.Elements("(1f + Sqr({0}))", "(2f + Tanh({0}))")
                            select Frag.Of($"{a.Code} / {string.Format(CultureInfo.InvariantCulture, form, b.Code)}", a, b),
                Kind.Neg => Expr(scope, d).Select(a => Frag.Of($"-({a.Code})", a)),
                Kind.Smooth => from f in Gen.Elements("Sqr", "Sigmoid", "Softplus", "Tanh")
                               from a in Expr(scope, d)
                               select Frag.Of($"{f}({a.Code})", a),
                Kind.Kinked => from f in Gen.Elements("Abs", "Relu")
                               from a in Expr(scope, d)
                               select Frag.Of($"{f}({a.Code})", a),
                Kind.Exp => Gen.Elements(0, 1).SelectMany(k => k == 0
                    ? Expr(scope, d).Select(a => Frag.Of($"Exp(Tanh({a.Code}))", a))
                    : Access(scope).Select(a => Frag.Of($"Exp({a.Code})", a))),
                Kind.Log => Gen.Elements(0, 1, 2).SelectMany(k => k switch
                {
                    0 => Expr(scope, d).Select(a => Frag.Of($"Log(1f + Sqr({a.Code}))", a)),
                    1 => Expr(scope, d).Select(a => Frag.Of($"Log(2f + Tanh({a.Code}))", a)),
                    // The written-out log Σ exp, which Stabilize turns into a log-sum-exp.
                    _ => LogSumOfExp(scope, d),
                }),
                Kind.Sqrt => Expr(scope, d).Select(a => Frag.Of($"Sqrt(1f + Sqr({a.Code}))", a)),
                // alpha and beta: the run-time exponent of PowHyper (beta ≥ 1e-3, alpha any sign), of a base ≥ 1.
                Kind.Pow => from p in Gen.Elements("2", "3", "1", "0.5f", "1.5f", "-1", "-0.5f", "0.25f", "alpha", "beta")
                            from a in Expr(scope, d)
                            select Frag.Of(p is "2" or "3" or "1" ? $"Pow({a.Code}, {p})" : $"Pow(1f + Sqr({a.Code}), {p})", a),
                Kind.MaxMin => from f in Gen.Elements("Max", "Min")
                               from hinge in Gen.Elements(false, false, true)
                               from a in Expr(scope, d)
                               from b in hinge ? Gen.Constant(Frag.Leaf("0f")) : Expr(scope, d)
                               select Frag.Of(hinge ? $"{f}(0f, {a.Code})" : $"{f}({a.Code}, {b.Code})", a, b),
                Kind.Reduce => Reduction(scope, d),
                _ => Conditional(scope, d),
            });
    }

    private enum Kind { Leaf, Arith, Div, Neg, Smooth, Kinked, Exp, Log, Sqrt, Pow, MaxMin, Reduce, Select }

    private static Gen<Frag> Leaf(Scope scope)
    {
        var options = new System.Collections.Generic.List<(int, Gen<Frag>)>
        {
            (2, Gen.Elements("0.5f", "2f", "-1.5f", "3", "0.1f", "1f").Select(Frag.Leaf)),
            (1, Gen.Elements("alpha", "beta").Select(Frag.Leaf)),
        };
        if (scope.Scalars.Count > 0) options.Add((1, Gen.Elements(scope.Scalars.ToArray()).Select(Frag.Leaf)));
        if (CanAccess(scope)) options.Add((8, Access(scope)));
        return Gen.Frequency(options.ToArray());
    }

    private static bool CanAccess(Scope scope) => scope.Vars.Count > 0;

    /// <summary>An element access of a tensor or comprehension whose every axis can be indexed by a variable in scope or a label.</summary>
    private static Gen<Frag> Access(Scope scope)
    {
        var targets = Tensors.Select(t => (t.Tensor, t.Dims))
            .Concat(scope.Comprehensions.Select(c => (c.Name, c.Dims.ToArray())))
            .Where(t => t.Item2.All(dim => IndexChoices(scope, dim).Any()))
            .ToArray();
        if (targets.Length == 0) return Gen.Constant(Frag.Leaf("1f"));
        return Gen.Elements(targets).SelectMany(t =>
            t.Item2.Select(dim => Gen.Elements(IndexChoices(scope, dim).ToArray()))
                .Aggregate(Gen.Constant(ImmutableList<(string Code, string? Var)>.Empty), (acc, g) => from l in acc from x in g select l.Add(x))
                .Select(ix => new Frag($"{t.Item1}[{string.Join(", ", ix.Select(x => x.Code))}]",
                    ix.Where(x => x.Var is not null).Select(x => x.Var!).ToImmutableHashSet())));
    }

    /// <summary>Ways to index an axis of dimension <paramref name="dim"/>: a variable over it, or for C a label y[i].</summary>
    private static System.Collections.Generic.IEnumerable<(string Code, string? Var)> IndexChoices(Scope scope, string dim)
    {
        foreach (var v in scope.Vars.Where(v => v.Dim == dim)) yield return (v.Name, v.Name);
        if (dim == "C")
            foreach (var v in scope.Vars.Where(v => v.Dim == "N")) yield return ($"y[{v.Name}]", v.Name);
    }

    /// <summary>A reduction over one or two fresh variables, named after their dimension and nesting level.</summary>
    private static Gen<Frag> Reduction(Scope scope, int depth) =>
        from op in Gen.Elements("Sum", "Mean", "Max", "Min", "LogSumExp", "Sum", "Mean")
        from arity in Gen.Frequency((4, Gen.Constant(1)), (1, Gen.Constant(2)))
        from dims in Gen.Elements(Dims).ArrayOf(arity)
        let vars = dims.Select((dim, k) => new IndexVarInScope(VarName(dim, scope.Level, k), dim)).ToList()
        let inner = scope with { Vars = scope.Vars.AddRange(vars), Level = scope.Level + 1 }
        from body in Expr(inner, depth)
        from used in EnsureUses(body, vars)
        select new Frag($"{op}({Lambda(vars)} => {used.Code})", used.Uses.Except(vars.Select(v => v.Name)));

    private static Gen<Frag> LogSumOfExp(Scope scope, int depth)
    {
        var v = new IndexVarInScope(VarName("C", scope.Level, 0), "C");
        var inner = scope with { Vars = scope.Vars.Add(v), Level = scope.Level + 1 };
        return from body in Expr(inner, depth)
               from used in EnsureUses(body, new[] { v })
               select new Frag($"Log(Sum({v.Name} => Exp(Tanh({used.Code}))))", used.Uses.Remove(v.Name));
    }

    // i, j, k by dimension and a level suffix: nested reductions never shadow each other, while
    // sibling reductions reuse names (the parser must keep them apart).
    private static string VarName(string dim, int level, int position) =>
        (dim switch { "N" => "i", "C" => "j", _ => "k" }) + level + (position == 0 ? "" : "x");

    private static string Lambda(System.Collections.Generic.IReadOnlyList<IndexVarInScope> vars) =>
        vars.Count == 1 ? vars[0].Name : "(" + string.Join(", ", vars.Select(v => v.Name)) + ")";

    /// <summary>Adds (or multiplies in) an access of each variable the body does not index yet, so its range can be inferred.</summary>
    private static Gen<Frag> EnsureUses(Frag body, System.Collections.Generic.IEnumerable<IndexVarInScope> vars)
    {
        var result = Gen.Constant(body);
        foreach (var v in vars)
        {
            var tensor = v.Dim switch { "N" => "u", "C" => "b", _ => "w" };
            result = result.SelectMany(f => f.Uses.Contains(v.Name)
                ? Gen.Constant(f)
                : Gen.Elements("+", "*").Select(op => new Frag($"({f.Code} {op} {tensor}[{v.Name}])", f.Uses.Add(v.Name))));
        }
        return result;
    }

    /// <summary><c>cond ? a : b</c> on index and label comparisons.</summary>
    private static Gen<Frag> Conditional(Scope scope, int depth)
    {
        var pairs = ComparablePairs(scope).ToArray();
        if (pairs.Length == 0) return Expr(scope, depth);
        var comparison = from p in Gen.Elements(pairs)
                         from op in Gen.Elements("==", "!=", "<", "<=", ">", ">=")
                         select $"{p.A} {op} {p.B}";
        var condition = Gen.Frequency(
            (4, comparison),
            (1, from a in comparison from b in comparison from op in Gen.Elements("&&", "||") select $"({a} {op} {b})"),
            (1, comparison.Select(c => $"!({c})")));
        return from c in condition
               from a in Expr(scope, depth)
               from b in Gen.Frequency((2, Expr(scope, depth)), (1, Gen.Constant(Frag.Leaf("0f"))))
               select Frag.Of($"({c} ? {a.Code} : {b.Code})", a, b);
    }

    private static System.Collections.Generic.IEnumerable<(string A, string B)> ComparablePairs(Scope scope)
    {
        var vars = scope.Vars;
        for (var m = 0; m < vars.Count; m++)
        {
            for (var n = m + 1; n < vars.Count; n++)
                if (vars[m].Dim == vars[n].Dim) yield return (vars[m].Name, vars[n].Name);
            if (vars[m].Dim == "C")
                foreach (var i in vars.Where(v => v.Dim == "N")) yield return (vars[m].Name, $"y[{i.Name}]");
        }
    }

}

/// <summary>A generated program: statements declaring locals (possibly none), the returned expression, beta's default.</summary>
internal sealed record GeneratedProgram(string Statements, string Result, string BetaDefault)
{
    public string Body => Statements.Length == 0 ? Result : Statements + "return " + Result + ";";
}

/// <summary>
/// The text of one declaration, in parts a mutation can replace. The wrappers are what the test
/// calls by reflection (spans cannot be boxed): they map arrays onto the generated span API.
/// </summary>
internal sealed record DeclarationText(string Name, GeneratedProgram Program)
{
    public string Modifiers { get; init; } = "public partial struct";
    public string DefineHead { get; init; } = "static float Define";
    public string Signature { get; init; } = DslProgramGen.Signature;
    public string ExtraParameters { get; init; } = "";
    public string ExtraStatements { get; init; } = "";
    public string? Result { get; init; }
    public string ExtraMembers { get; init; } = "";
    public bool Wrappers { get; init; } = true;

    /// <summary>The names and container of the declaration (<see cref="FuzzNames.Plain"/>: the fixed signature in namespace Fuzz).</summary>
    public FuzzNames Names { get; init; } = FuzzNames.Plain;

    public override string ToString()
    {
        var result = Result ?? Program.Result;
        var sb = new StringBuilder();
        sb.Append("[Loss]\n").Append(Modifiers).Append(' ').Append(Name).Append("\n{\n");
        sb.Append("    ").Append(DefineHead).Append('(').Append(Signature).Append(", float beta = ").Append(Program.BetaDefault)
            .Append(ExtraParameters).Append(")\n");
        var statements = Program.Statements + ExtraStatements;
        if (statements.Length == 0) sb.Append("        => ").Append(result).Append(";\n");
        else sb.Append("    {\n").Append(statements).Append("return ").Append(result).Append(";\n    }\n");
        sb.Append(ExtraMembers);
        if (Wrappers)
        {
            // Positional, so the wrappers do not depend on the names the generator chose for the
            // dimension and gradient parameters (those change when the user's names collide).
            const string inputs = "t[0], t[1], t[2], t[3], t[4], labels, dims[0], dims[1], dims[2]";
            sb.Append("    public static double RunDouble(double[][] t, int[] labels, int[] dims, double a, double[][]? g) => g is null\n");
            sb.Append("        ? Value(").Append(inputs).Append(", a)\n");
            sb.Append("        : ValueAndGradient(").Append(inputs).Append(", g[0], g[1], g[2], g[3], a);\n");
            sb.Append("    public static float RunFloat(float[][] t, int[] labels, int[] dims, float a) => Value(").Append(inputs).Append(", a);\n");
        }
        sb.Append("}\n");
        return Names.Apply(sb.ToString());
    }
}
