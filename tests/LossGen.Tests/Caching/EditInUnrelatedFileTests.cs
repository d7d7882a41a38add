using Xunit;

namespace LossGen.Tests.Caching;

/// <summary>
/// A file without declarations is no input to any of them: editing it anywhere re-runs no
/// compile step, however much of it moves.
/// </summary>
public class EditInUnrelatedFileTests
{
    [Fact]
    public void Inserting_a_class_at_the_top_of_an_unrelated_file_re_runs_no_compile_step()
    {
        var project = new CachingProject();

        project.Edit(CachingProject.UnrelatedFile, text => text.Replace("public static class Helpers",
            "public sealed class Settings\n{\n    public int Epochs { get; init; } = 10;\n}\n\npublic static class Helpers"));

        CacheAssert.OnlyRecompiled(project);
    }

    [Fact]
    public void Editing_a_method_body_in_an_unrelated_file_re_runs_no_compile_step()
    {
        var project = new CachingProject();

        project.Edit(CachingProject.UnrelatedFile, text => text.Replace("=> 1;", "=> 1 + 1;"));

        CacheAssert.OnlyRecompiled(project);
    }
}
