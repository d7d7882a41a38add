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
}
