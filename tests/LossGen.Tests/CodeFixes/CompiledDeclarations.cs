using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using LossGen.Tests.Diagnostics;
using Microsoft.CodeAnalysis;
using Shouldly;

namespace LossGen.Tests.CodeFixes;

/// <summary>
/// A fixed (or hand-fixed) source compiled as a user's build compiles it: the real generator, then
/// the real analyzer, which must report nothing from LossGen, then C# with no warning at all; the
/// result is loaded so its generated kernels can be run. Test sources give each declaration an
/// array wrapper (<c>public static double Run(double[] s, …, double[] ds) => ValueAndGradient(…)</c>),
/// because spans cannot be passed through reflection.
/// </summary>
internal sealed class CompiledDeclarations : IDisposable
{
    private readonly AssemblyLoadContext context;
    private readonly Assembly assembly;

    private CompiledDeclarations(AssemblyLoadContext context, Assembly assembly)
    {
        this.context = context;
        this.assembly = assembly;
    }

    public static CompiledDeclarations Compile(string source)
    {
        var run = DiagnosticRun.Of(source);
        run.ShouldHaveAHealthyGenerator();
        run.Reported.ShouldBeEmpty("the fixed source must be free of LossGen diagnostics:\n" + source);
        run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ShouldBeEmpty();
        // An element-wise regularizer also gets its fused Penalty file beside the kernel (fusion merge).
        run.Generator.Results.Single().GeneratedSources.Where(s => !s.HintName.EndsWith(".Penalty.g.cs", System.StringComparison.Ordinal))
            .ShouldAllBe(s => s.SourceText.ToString().Contains("ValueAndGradient("), "every declaration must compile into a kernel, not a fallback");

        using var pe = new MemoryStream();
        var emitted = run.Output.Emit(pe);
        emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics));
        pe.Position = 0;
        var context = new AssemblyLoadContext("codefix", isCollectible: true);
        return new CompiledDeclarations(context, context.LoadFromStream(pe));
    }

    /// <summary>Calls a public static method (the test's array wrapper) of a declaration.</summary>
    public double Call(string type, string method, params object[] arguments) =>
        (double)assembly.GetType(type, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments)!;

    public void Dispose() => context.Unload();
}
