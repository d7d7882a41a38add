using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Lowering;
using LossGen.Compiler.Model;

namespace LossGen.Compiler.Emit;

/// <summary>The attribute every generated kernel method carries (loss kernels, their row blocks, optimizer steps).</summary>
internal static class KernelAttributes
{
    /// <summary>
    /// AggressiveOptimization: compiled fully optimized on the first call, no tier-0 pass over a
    /// multi-megabyte input. NoInlining: without it, dynamic PGO sees the one hot call site and inlines
    /// the whole kernel into its caller, whose inlining budget then runs out before the lane
    /// operators (F512.op_Addition became a call: MulticlassSvm at 16384×100 measured 0.36 instead of
    /// 0.23 ns per score under BenchmarkDotNet). One call per kernel invocation costs nothing.
    /// </summary>
    public const string Line =
        "[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining"
        + " | System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]";

    /// <summary>
    /// The type parameters of every kernel method: the lane type and the element type. One body serves
    /// float and double; the JIT compiles it once per (V, T), so each instantiation is as specialised as
    /// a hand-written float or double kernel, and the source is emitted once. INumberBase gives the
    /// element's + (a gradient element added to in place); everything else goes through V.
    /// </summary>
    /// <param name="element">The element type parameter's name: T in loss kernels (where user names
    /// that would collide are renamed), otherwise a name no parameter of the declaration takes.</param>
    /// <param name="extra">A further type parameter after them (an optimizer's fused regularizer), or null.</param>
    public static string TypeParameters(string element = Naming.ElementType, string? extra = null) =>
        extra is null ? $"<V, {element}>" : $"<V, {element}, {extra}>";

    /// <summary>The constraints that go with <see cref="TypeParameters"/>, one line each.</summary>
    public static string[] Constraints(string element = Naming.ElementType) => new[]
    {
        $"where V : struct, ILanes<V, {element}>",
        $"where {element} : unmanaged, System.Numerics.INumberBase<{element}>",
    };

    /// <summary>
    /// In a declaration nested in a generic type, the kernels' own type parameters may repeat a name of
    /// the container's (OuterGeneric&lt;T&gt;): warning CS0693, an error under TreatWarningsAsErrors. The
    /// kernels never refer to the container's type parameters, so the shadowing is harmless; the
    /// warning is turned off for the file, and only where a container is generic.
    /// </summary>
    public static void WriteShadowingPragma(CodeWriter w, IEnumerable<ContainingType> containers)
    {
        if (containers.Any(c => c.Name.Contains("<")))
            w.Line("#pragma warning disable CS0693 // the kernels' V and T shadow a type parameter of a containing type; they never use it");
    }
}
