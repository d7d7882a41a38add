using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using LossGen.Tests.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.Tests.Fuzzing;

/// <summary>
/// Malformed declarations: random valid programs, each broken by one random <see cref="Mutations"/>
/// entry. The analyzer must report the mutation's diagnostic on that declaration, the generator
/// must not throw or report LG0999, and its fallback output must compile without a warning.
/// </summary>
internal static class MalformedRunner
{
    public static FuzzReport Run(ulong seed, int count, int batchSize = 100)
    {
        var failures = new List<FuzzFailure>();
        var programs = DifferentialRunner.Sample(seed ^ 0xBADC0DE, count);
        for (var start = 0; start < count; start += batchSize)
        {
            var batch = programs.Skip(start).Take(batchSize).Select((p, k) =>
            {
                var name = "M" + (start + k);
                var mutation = Gen.Elements(Mutations.All.ToArray()).Sample(size: 1, seed: new Rnd(seed + (ulong)(start + k)), numberOfSamples: 1)[0];
                return (Name: name, Mutation: mutation, Source: mutation.Apply(new DeclarationText(name, p) { Wrappers = false }).ToString());
            }).ToList();
            Check(batch, failures);
        }
        return new FuzzReport(count, 0, failures);
    }

    private static void Check(IReadOnlyList<(string Name, Mutations.Mutation Mutation, string Source)> batch, List<FuzzFailure> failures)
    {
        using var compiled = CompiledBatch.Compile(CompiledBatch.Usings + string.Join("\n", batch.Select(b => b.Source)), load: false);
        foreach (var crash in compiled.GeneratorCrashes)
            failures.Add(new FuzzFailure("batch", "crash", crash, ""));
        var generatedProblems = compiled.CompileErrors.Where(d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        foreach (var d in generatedProblems)
            failures.Add(new FuzzFailure(d.Location.SourceTree!.FilePath, "compile", d.ToString(), ""));

        var reported = GeneratorHarness.Analyze(compiled.Input)
            .Where(d => d.Id.StartsWith("LG", StringComparison.Ordinal))
            .GroupBy(Owner)
            .ToDictionary(g => g.Key, g => g.Select(d => d.Id).ToHashSet());
        foreach (var (name, mutation, source) in batch)
        {
            if (!reported.TryGetValue(name, out var ids) || !ids.Contains(mutation.ExpectedId))
                failures.Add(new FuzzFailure(name, "diagnostic",
                    $"mutation '{mutation.Name}' expects {mutation.ExpectedId}; reported: {(ids is null ? "nothing" : string.Join(", ", ids))} (owners: {string.Join(",", reported.Keys)})", source));
        }
    }

    private static string Owner(Diagnostic d) =>
        d.Location.SourceTree?.GetRoot().FindNode(d.Location.SourceSpan)
            .AncestorsAndSelf().OfType<StructDeclarationSyntax>().FirstOrDefault()?.Identifier.Text ?? "?";
}
