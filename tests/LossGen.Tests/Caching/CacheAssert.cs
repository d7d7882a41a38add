using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Shouldly;

namespace LossGen.Tests.Caching;

/// <summary>What the caching tests assert after an edit: which compile-step outputs were recomputed.</summary>
internal static class CacheAssert
{
    /// <summary>
    /// The named outputs were recomputed with a new value (Modified); every other declaration's
    /// output of every compile step is Cached: its input was equal, so the step did not run.
    /// Unchanged would not do: it means the step ran on a changed input (say, a model whose
    /// spans moved) and happened to produce an equal result, which is the cost we mean to avoid.
    /// </summary>
    public static void OnlyRecompiled(CachingProject project, params (string Step, string Name)[] modified)
    {
        var wrong = new List<string>();
        foreach (var (step, names) in CachingProject.Compiled)
        {
            var reasons = project.Reasons(step);
            // Every declaration has an output, so a step that silently ran for none cannot pass.
            reasons.Keys.OrderBy(n => n).ShouldBe(names.OrderBy(n => n), step);
            foreach (var (name, reason) in reasons)
            {
                var ok = modified.Contains((step, name))
                    ? reason == IncrementalStepRunReason.Modified
                    : reason == IncrementalStepRunReason.Cached;
                if (!ok) wrong.Add($"{step} {name}: {reason}");
            }
        }
        wrong.ShouldBeEmpty();
    }
}
