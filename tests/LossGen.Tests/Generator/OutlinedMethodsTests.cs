using System.Collections.Generic;
using LossGen.Compiler.Emit;
using LossGen.Compiler.Lowering;
using Shouldly;
using Xunit;

using static LossGen.Compiler.Lowering.CodeBuilding;

namespace LossGen.Tests.Generator;

/// <summary>
/// An outlined part (the rows-across-lanes blocks) is called with exactly the variables its code
/// uses, read off the statement tree (names in <see cref="Code"/>, assignments as <see cref="Assign"/>):
/// the snapshot tests show the common shapes; these pin the rules that decide them.
/// </summary>
public class OutlinedMethodsTests
{
    private static readonly List<Variable> KernelParameters = new()
    {
        new("ReadOnlySpan<T>", "s"), new("ReadOnlySpan<int>", "y"), new("int", "n"), new("int", "c"),
        new("Span<T>", "ds"), new("double", "delta"),
    };

    private static string Print(List<Stmt> body, out string methods)
    {
        var outlined = new OutlinedMethods("ValueKernel");
        var w = new CodeWriter();
        KernelPrinter.Print(w, body, outlined, KernelParameters);
        var m = new CodeWriter();
        outlined.Write(m);
        methods = m.ToString();
        return w.ToString();
    }

    [Fact]
    public void Passes_used_variables_in_scope_order_and_returns_the_one_assigned_accumulator()
    {
        var body = new List<Stmt>
        {
            new Let("double", "acc1", Tx("0.0")),
            new Let("V", "b2", C($"V.Splat((float){Ref("delta")})")),
            new Let("V", "unused3", Tx("V.Zero")),
            new Let("int", "rows4", C($"{Ref("n")} - {Ref("n")} % V.Count")),
            new If(C($"{Ref("rows4")} > 0"), new List<Stmt>
            {
                new Outlined("Rows [0, rows4) across lanes", new List<Stmt>
                {
                    // The comment names y and ds; the code reads neither.
                    new Comment("Σ_j(s[i, j] − s[i, y[i]]), written to ds"),
                    new Loop(LoopKind.RowBlocks, "i", Tx("0"), Ref("rows4"), new List<Stmt>
                    {
                        new Let("V", "x5", C($"V.LoadStrided({Ref("s")}, {Ref("i")} * {Ref("c")}, {Ref("c")}) + {Ref("b2")}")),
                        new Assign("acc1", "=", C($"{Ref("acc1")} + V.Sum({Ref("x5")})")),
                    }),
                }),
            }),
            new Let("double", "late6", Ref("acc1")),
        };

        var kernel = Print(body, out var methods);

        kernel.ShouldContain("acc1 = ValueKernelRowBlocks<V, T>(s, c, acc1, b2, rows4);");
        methods.ShouldContain("private static double ValueKernelRowBlocks<V, T>(ReadOnlySpan<T> s, int c, double acc1, V b2Arg, int rows4)");
        methods.ShouldContain("return acc1;");
        methods.ShouldContain("MethodImplOptions.NoInlining");
        methods.ShouldContain("acc1 = acc1 + V.Sum(x5);");
        // The vector is copied into a local just before the loop (see OutlinedMethods.WithVectorCopies).
        var copy = methods.IndexOf("V b2 = b2Arg;");
        copy.ShouldBeGreaterThan(0);
        copy.ShouldBeLessThan(methods.IndexOf("for (int i = 0;"));
    }

    [Fact]
    public void An_element_store_or_a_comparison_is_not_an_assignment_of_the_variable()
    {
        var body = new List<Stmt>
        {
            new Let("double", "g1", Tx("0.0")),
            new Let("int", "k2", Tx("3")),
            new Outlined("part", new List<Stmt>
            {
                new GradWrite("s", 0, C($"{Ref("ds")}[{Ref("k2")}] += (float)({Ref("g1")})")),
                new Do(C($"{Ref("ds")}[{Ref("k2")}] = 0")),
                new Let("bool", "b3", C($"{Ref("k2")} == {Ref("c")} || {Ref("g1")} <= 0.0")),
            }),
        };

        var kernel = Print(body, out var methods);

        kernel.ShouldContain("\n" + "ValueKernelRowBlocks<V, T>(c, ds, g1, k2);");
        methods.ShouldContain("(int c, Span<T> ds, double g1, int k2)");
    }

    [Fact]
    public void Two_assigned_variables_go_by_ref_and_a_second_part_gets_its_own_name()
    {
        var body = new List<Stmt>
        {
            new Let("double", "g1", Tx("0.0")),
            new Let("int", "k2", Tx("0")),
            new Outlined("first", new List<Stmt>
            {
                new Assign("g1", "+=", C($"{Ref("s")}[0]")),
                new Guarded(C($"{Ref("g1")} > 0.0"), new Assign("k2", "+=", Tx("1"))),
            }),
            new Outlined("second", new List<Stmt> { new Assign("k2", "-=", Tx("1")) }),
        };

        var kernel = Print(body, out var methods);

        kernel.ShouldContain("\n" + "ValueKernelRowBlocks<V, T>(s, ref g1, ref k2);");
        methods.ShouldContain("private static void ValueKernelRowBlocks<V, T>(ReadOnlySpan<T> s, ref double g1, ref int k2)");
        kernel.ShouldContain("k2 = ValueKernelRowBlocks2<V, T>(k2);");
        methods.ShouldContain("private static int ValueKernelRowBlocks2<V, T>(int k2)");
    }

    [Fact]
    public void A_vector_arrives_under_a_name_nothing_else_in_the_method_uses()
    {
        // A user's hyper-parameter may be named like the parameter a vector arrives under.
        var body = new List<Stmt>
        {
            new Let("V", "b2", C($"V.Splat((float){Ref("b2Arg")})")),
            new Outlined("part", new List<Stmt>
            {
                new Loop(LoopKind.RowBlocks, "i", Tx("0"), Ref("n"), new List<Stmt>
                {
                    new Let("V", "x3", C($"V.LoadStrided({Ref("s")}, {Ref("i")} * {Ref("c")}, {Ref("c")}) + {Ref("b2")} * V.Splat((float){Ref("b2Arg")})")),
                }),
            }),
        };
        var outlined = new OutlinedMethods("ValueKernel");
        var w = new CodeWriter();
        KernelPrinter.Print(w, body, outlined, new List<Variable>(KernelParameters) { new("double", "b2Arg") });
        var m = new CodeWriter();
        outlined.Write(m);
        var methods = m.ToString();

        methods.ShouldContain("(ReadOnlySpan<T> s, int n, int c, double b2Arg, V b2Arg_)");
        methods.ShouldContain("V b2 = b2Arg_;");
    }

    [Fact]
    public void Text_spelled_like_a_variable_is_not_a_use()
    {
        // A member the code calls (V.Load) is text; a kernel parameter of that name is not passed.
        var body = new List<Stmt>
        {
            new Outlined("part", new List<Stmt> { new Let("V", "x1", C($"V.Load({Ref("s")}, 0)")) }),
        };
        var outlined = new OutlinedMethods("ValueKernel");
        var w = new CodeWriter();
        KernelPrinter.Print(w, body, outlined, new List<Variable>(KernelParameters) { new("int", "Load") });

        w.ToString().ShouldContain("ValueKernelRowBlocks<V, T>(s);");
    }
}
