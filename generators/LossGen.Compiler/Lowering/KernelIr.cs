using System.Collections.Generic;

namespace LossGen.Compiler.Lowering;

// The output of Lower: a kernel body as a small statement tree, ready to print. Expressions are
// Code (instruction selection is done, and each names the variables it reads); statements say what
// they declare and assign, so Emit computes definitions and uses on the tree (OutlinedMethods).
// What Emit adds is the surface around it — the method, its signature, validation, dispatch over
// lane widths and documentation — and KernelPrinter is the one place that prints it.

internal abstract record Stmt;

/// <summary>A local declared and initialised: <c>Type Name = Value;</c>.</summary>
internal sealed record Let(string Type, string Name, Code Value) : Stmt;

/// <summary>A variable assigned (<c>=</c>) or updated (<c>+=</c>): <c>Name Op Value;</c>.</summary>
internal sealed record Assign(string Name, string Op, Code Value) : Stmt;

/// <summary>An expression statement: a call that stores lanes, or a store into an element of a span.</summary>
internal sealed record Do(Code Code) : Stmt;

/// <summary>The value a method returns: <c>return Value;</c>.</summary>
internal sealed record Return(Code Value) : Stmt;

/// <summary>A statement run only when a condition holds, on one line: <c>if (Condition) Then</c>.</summary>
internal sealed record Guarded(Code Condition, Stmt Then) : Stmt;

/// <summary>A comment explaining the block that follows.</summary>
internal sealed record Comment(string Text) : Stmt;

/// <summary>A statement with a braced body: a loop, an <c>if</c>, or a bare block.</summary>
internal abstract record Compound(List<Stmt> Body) : Stmt;

/// <summary>What a loop steps over.</summary>
internal enum LoopKind
{
    /// <summary>One element (or row) at a time: <c>for (int v = From; v &lt; To; v++)</c>.</summary>
    Scalar,
    /// <summary>
    /// Full vectors along memory: <c>for (; v &lt;= To − V.Count; v += V.Count)</c>, v declared before
    /// it (From) so that the masked tail after it starts where it stopped.
    /// </summary>
    Vector,
    /// <summary>Blocks of V.Count rows with lane l holding row v + l: <c>for (int v = From; v &lt; To; v += V.Count)</c>.</summary>
    RowBlocks,
}

/// <summary>A loop over <paramref name="Var"/> from <paramref name="From"/> up to <paramref name="To"/>; it assigns only its own variable.</summary>
internal sealed record Loop(LoopKind Kind, string Var, Code From, Code To, List<Stmt> Body) : Compound(Body);

/// <summary><c>if (Condition) { Body }</c>.</summary>
internal sealed record If(Code Condition, List<Stmt> Body) : Compound(Body);

/// <summary>A bare braced block: its locals end with it.</summary>
internal sealed record Block(List<Stmt> Body) : Compound(Body);

/// <summary>
/// Statements emitted as a private method of their own and called from here: the JIT inlines the
/// lane calls of a method under one budget, so a second hot loop in the same method would take the
/// budget from the first (benchmarks/results/rows-across-lanes-*.md, "Inlining"). The call passes
/// the kernel's parameters and earlier locals the statements use, by <c>ref</c> those they assign.
/// </summary>
internal sealed record Outlined(string Summary, List<Stmt> Body) : Stmt;

/// <summary>A store into a gradient buffer; tracked so Lower can check which write comes first.</summary>
internal sealed record GradWrite(string Tensor, int Term, Code Code) : Stmt;

/// <summary>
/// A scratch row of one dimension's extent, rented from the thread's Scratch for the kernel's duration;
/// a tile (<see cref="PerLane"/>) holds that many elements per lane: a block of rows, transposed.
/// </summary>
internal sealed record Scratch(string Name, string Dim, bool PerLane = false);

/// <summary>A lowered kernel: its statements, the expression of its value, the gradient buffers it clears first, and its scratch rows.</summary>
internal sealed record Kernel(List<Stmt> Body, Code Result, IReadOnlyList<string> Cleared, IReadOnlyList<Scratch> Scratches);
