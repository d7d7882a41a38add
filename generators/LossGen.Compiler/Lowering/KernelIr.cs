using System.Collections.Generic;

namespace LossGen.Compiler.Lowering;

// The output of Lower: a kernel body as a small statement tree, ready to print. Expressions are
// already C# text (instruction selection is done); what Emit adds is the surface around them —
// the method, its signature, validation, dispatch over lane widths and documentation.

internal abstract record Stmt;

/// <summary>One complete C# statement.</summary>
internal sealed record Line(string Code) : Stmt;

/// <summary>A comment explaining the block that follows.</summary>
internal sealed record Comment(string Text) : Stmt;

/// <summary>A braced block with an optional header (<c>for (…)</c>, <c>if (…)</c>).</summary>
internal sealed record Block(string? Header, List<Stmt> Body) : Stmt;

/// <summary>
/// Statements emitted as a private method of their own and called from here: the JIT inlines the
/// lane calls of a method under one budget, so a second hot loop in the same method would take the
/// budget from the first (benchmarks/results/rows-across-lanes-*.md, "Inlining"). The call passes
/// the kernel's parameters and earlier locals the statements use, by <c>ref</c> those they assign.
/// </summary>
internal sealed record Outlined(string Summary, List<Stmt> Body) : Stmt;

/// <summary>A store into a gradient buffer; tracked so Lower can check which write comes first.</summary>
internal sealed record GradWrite(string Tensor, int Term, string Code) : Stmt;

/// <summary>
/// A scratch row of one dimension's extent, rented from the thread's Scratch for the kernel's duration;
/// a tile (<see cref="PerLane"/>) holds that many elements per lane: a block of rows, transposed.
/// </summary>
internal sealed record Scratch(string Name, string Dim, bool PerLane = false);

/// <summary>A lowered kernel: its statements, the expression of its value, the gradient buffers it clears first, and its scratch rows.</summary>
internal sealed record Kernel(List<Stmt> Body, string Result, IReadOnlyList<string> Cleared, IReadOnlyList<Scratch> Scratches);
