using System.Collections.Generic;

using static LossGen.Compiler.Lowering.CodeBuilding;

namespace LossGen.Compiler.Lowering;

/// <summary>
/// A scratch row or tile as statements: rented from the thread's <c>Scratch&lt;T&gt;</c> pool (so a
/// kernel allocates nothing after warm-up) into an array local, seen as a span of its length, and
/// returned after use. The kernel's rows are rented for its whole body; a rows-across-lanes block's
/// tiles just around its loop.
/// </summary>
internal static class ScratchRental
{
    private const string T = Naming.ElementType;

    public static IEnumerable<Stmt> Rent(string name, Code length) => new Stmt[]
    {
        new Let($"{T}[]", ArrayOf(name), C($"Scratch<{Tx(T)}>.Rent({length})")),
        new Let($"Span<{T}>", name, C($"{Ref(ArrayOf(name))}.AsSpan(0, {length})")),
    };

    public static Stmt Return(string name) => new Do(C($"Scratch<{Tx(T)}>.Return({Ref(ArrayOf(name))})"));

    private static string ArrayOf(string name) => name + "Array";
}
