using System;
using Microsoft.CodeAnalysis;
using System.IO;
using System.Linq;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Diagnostics;

/// <summary>
/// The front end never throws and never leaves the user without a reason: a few hundred mutants of
/// the built-ins' own sources go through the generator and the analyzer; nothing may escape or be
/// reported as LG0999, and wherever the generator fell back instead of emitting a kernel, the
/// analyzer must say why with an error (and where it emitted a kernel, may only lint).
/// </summary>
public class NeverThrowsTests
{
    private const int Cases = 300;

    private static string[] Builtins() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "BuiltinSources"), "*.cs").OrderBy(f => f, StringComparer.Ordinal)
            // Its own namespace, so the mutants do not collide with the built-ins the runtime ships.
            .Select(f => File.ReadAllText(f).Replace("namespace LossGen.Builtins;", "using LossGen;\nnamespace Fuzz;"))
            .ToArray();

    public static TheoryData<int> Seeds => new(Enumerable.Range(0, 6).Select(n => n * Cases / 6));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mutated_declarations_never_crash_and_every_fallback_is_explained(int firstSeed)
    {
        var builtins = Builtins();
        builtins.Length.ShouldBeGreaterThan(3);
        var fallbacks = 0;
        for (var seed = firstSeed; seed < firstSeed + Cases / 6; seed++)
        {
            var source = new Mutator(seed, builtins).Mutate(builtins[seed % builtins.Length]);
            var run = DiagnosticRun.Of(source);
            var context = $"seed {seed}:\n{source}";

            run.Generator.Results.Single().Exception.ShouldBeNull(context);
            run.Generator.Diagnostics.ShouldBeEmpty(context);
            run.Analyzer.Where(d => d.Id == "AD0001").ShouldBeEmpty(context);
            run.AddedErrors().ShouldBeEmpty(context);

            var fellBack = run.Generator.Results.Single().GeneratedSources.Any(s => s.SourceText.ToString().Contains("could not compile"));
            if (fellBack) fallbacks++;
            // A fallback is explained by an LG diagnostic, or by the user's own C# error in the body
            // (then C# alone reports it: LossGen adds no second, less precise error on top).
            var csharpErrors = run.Input.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
            // Only an error costs the kernel; a lint (LG03xx, a warning or a message) never does.
            var errors = run.Reported.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (fellBack)
                (errors.Count > 0 || csharpErrors).ShouldBeTrue(context + "\nfell back with neither an LG error nor a C# error");
            if (errors.Count > 0)
                fellBack.ShouldBeTrue(context + "\nreported: " + string.Join("\n", errors) + "\nbut a kernel was generated");
            if (run.Reported.Length > 0 && errors.Count == 0 && !csharpErrors)
                fellBack.ShouldBeFalse(context + "\nonly lints were reported (" + string.Join("; ", run.Reported) + ") but the generator fell back");
        }
        // The mutants must mostly be invalid, or this test would prove little.
        fallbacks.ShouldBeGreaterThan(Cases / 6 / 3);
    }
}
