using System.Collections.Generic;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Model;
using LossGen.Compiler.Passes;

namespace LossGen.Compiler.Lowering;

internal enum ValKind { Uniform, Varying, Index, Bool, Mask }

/// <summary>
/// A lowered value: its code and what it is. Uniform values are <c>double</c> scalars (per-row
/// work is cheap and double keeps long sums accurate in the float kernels too); varying values
/// are lane vectors <c>V</c>; indices are <c>int</c>; conditions are <c>bool</c> or lane masks.
/// </summary>
/// <param name="Element">
/// For a uniform value that is an element of T widened (a vector's lanes summed), that element
/// itself: a store takes it as it is instead of narrowing the double back.
/// </param>
internal sealed record Val(Code Code, ValKind Kind, Scope Home, Code? Element = null);

/// <summary>A gradient term waiting to be emitted; <see cref="Next"/> counts the loops already open.</summary>
internal sealed record PendingTerm(GradTerm Term, int Id, int Next)
{
    public bool Done => Next == Term.Loops.Count;
    public LoopVar NextLoop => Term.Loops[Next];
}

/// <summary>Register accumulators of one loop (shared by its full-vector body and its masked tail).</summary>
internal sealed class LoopFamily
{
    public LoopFamily(Scope parent, bool lane) { Parent = parent; Lane = lane; }
    public Scope Parent { get; }
    public bool Lane { get; }
    public List<Accumulator> Accumulators { get; } = new();
}

/// <summary>A register that sums contributions to one gradient element across a loop, stored once after it.</summary>
internal sealed record Accumulator(string Name, string Tensor, EquatableArray<Ix> Index, int Term, bool Varying);

/// <summary>
/// One instance of a lexical scope of the kernel: the root, or one body of one loop. Values are
/// memoized per instance, so each distinct subexpression is computed once where it is visible,
/// and a value that does not depend on a loop's variable is computed before that loop.
/// </summary>
internal sealed class Scope
{
    public Scope(Scope? parent, string? var, string? dim, bool lane, bool masked, LoopFamily? family, bool rowsAcross = false)
    {
        Parent = parent;
        Var = var;
        Dim = dim;
        Family = family;
        Bound = parent is null ? new HashSet<string>() : new HashSet<string>(parent.Bound);
        if (var is not null) Bound.Add(var);
        LaneVar = lane ? var : parent?.LaneVar;
        LaneScope = lane ? this : parent?.LaneScope;
        Masked = masked || (parent?.Masked ?? false);
        RowsAcross = lane ? rowsAcross : parent?.RowsAcross ?? false;
        Remaining = masked ? "rem_" + var : parent?.Remaining;
    }

    public Scope? Parent { get; }
    public string? Var { get; }
    public string? Dim { get; }
    public LoopFamily? Family { get; }
    public HashSet<string> Bound { get; }
    /// <summary>The vectorized loop's variable, if this scope is inside the vector loop.</summary>
    public string? LaneVar { get; }
    public Scope? LaneScope { get; }
    /// <summary>Inside the masked tail of the vector loop: only <see cref="Remaining"/> lanes are real.</summary>
    public bool Masked { get; }
    /// <summary>
    /// The vector loop runs over rows, not along memory: lane l holds row <c>var + l</c>, so an
    /// element of the row is a strided (or labeled) load, and every loop inside is a plain loop
    /// whose values are vectors (see <see cref="RowsAcrossLanes"/>).
    /// </summary>
    public bool RowsAcross { get; }
    public string? Remaining { get; }
    public List<Stmt> Stmts { get; } = new();
    /// <summary>In a rows-across-lanes block: the tensors read through a transposed tile, and the tile of each.</summary>
    public Dictionary<string, string> InputTiles { get; } = new();
    /// <summary>In a rows-across-lanes block: the gradients written into a transposed tile, stored after the block.</summary>
    public Dictionary<string, string> GradTiles { get; } = new();
    public Dictionary<object, Val> Memo { get; } = new();
    public List<PendingTerm> Pending { get; } = new();
}
