using System.Linq;
using LossGen.Tests.Generator;
using Microsoft.CodeAnalysis;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Optimizers;

/// <summary>
/// Approval test of the code generated for the DESIGN.md Adam sketch: the generated Step is part of
/// the product, so any change to it is reviewed as a diff of Optimizers/Approved/*.approved.cs.
/// </summary>
public class OptimizerSnapshotTests
{
    [Fact]
    public void Generated_step_matches_the_approved_snapshot()
    {
        var (output, run) = GeneratorHarness.Generate(GeneratedStepTests.Sketch);
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ShouldBeEmpty();
        GeneratorHarness.GeneratedSource(run, "Adam").ShouldMatchApproved(c => c
            .SubFolder("Approved")
            .WithFileExtension(".cs")
            .NoDiff());
    }
}
