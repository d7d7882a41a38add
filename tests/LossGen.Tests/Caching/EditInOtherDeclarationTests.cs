extern alias GeneratorAssembly;

using Xunit;
using LossGenGenerator = GeneratorAssembly::LossGen.Generator.LossGenGenerator;

namespace LossGen.Tests.Caching;

/// <summary>
/// Editing one declaration re-runs its compile steps and no other's, even those below it in the
/// same file: each edit changes the text's length, so every later declaration moves.
/// </summary>
public class EditInOtherDeclarationTests
{
    [Fact]
    public void Editing_a_loss_recompiles_only_that_loss()
    {
        var project = new CachingProject();

        project.Edit(CachingProject.DeclarationsFile, text => text.Replace("float delta = 1f", "float delta = 1.25f"));

        CacheAssert.OnlyRecompiled(project, (LossGenGenerator.CompileStep, "Demo.Svm"));
    }

    [Fact]
    public void Editing_a_regularizer_recompiles_only_that_regularizer_and_its_penalty()
    {
        var project = new CachingProject();

        project.Edit(CachingProject.DeclarationsFile, text => text.Replace("float scale = 1f", "float scale = 0.75f"));

        CacheAssert.OnlyRecompiled(project,
            (LossGenGenerator.CompileStep, "Demo.Ridge"), (LossGenGenerator.CompilePenaltyStep, "Demo.Ridge"));
    }

    [Fact]
    public void Editing_an_optimizer_recompiles_only_that_optimizer()
    {
        var project = new CachingProject();

        project.Edit(CachingProject.DeclarationsFile, text => text.Replace("float rho = 0.9f", "float rho = 0.95f"));

        CacheAssert.OnlyRecompiled(project, (LossGenGenerator.CompileOptimizerStep, "Demo.Momentum"));
    }
}
