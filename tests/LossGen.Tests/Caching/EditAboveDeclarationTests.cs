using Xunit;

namespace LossGen.Tests.Caching;

/// <summary>
/// Text inserted above a declaration moves it without changing it. What reaches the compile
/// steps holds no positions, so none of them re-runs: only the analyzer's diagnostics move.
/// </summary>
public class EditAboveDeclarationTests
{
    [Theory]
    [InlineData(CachingProject.FirstDeclaration, "// Losses for the digits sample.\n")]
    [InlineData(CachingProject.FirstDeclaration, "\n\n")]
    [InlineData(CachingProject.FirstDeclaration, "public static class Notes\n{\n    public static int Count() => 1;\n}\n\n")]
    [InlineData("[Regularizer]\npublic partial struct ElasticNet", "/* the classic pair */\n")]
    [InlineData("[Optimizer]\npublic partial struct Adam", "// Kingma and Ba 2015\n")]
    public void Inserting_text_above_a_declaration_re_runs_no_compile_step(string above, string inserted)
    {
        var project = new CachingProject();

        project.Edit(CachingProject.DeclarationsFile, text => text.Replace(above, inserted + above));

        CacheAssert.OnlyRecompiled(project);
    }
}
