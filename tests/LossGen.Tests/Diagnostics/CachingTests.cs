extern alias GeneratorAssembly;

using System.Collections.Generic;
using System.Linq;
using LossGen.Tests.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Shouldly;
using Xunit;
using LossGenGenerator = GeneratorAssembly::LossGen.Generator.LossGenGenerator;

namespace LossGen.Tests.Diagnostics;

/// <summary>
/// Editing code re-runs only what depends on the edit: the named steps Read and Compile are
/// tracked across two runs of one driver, as the IDE runs it on every keystroke.
/// </summary>
public class CachingTests
{
    private const string Usings = "using LossGen;\nusing static LossGen.Dsl;\nnamespace Demo;\n";

    private static readonly string[] Declarations =
    {
        Usings + """
        [Loss]
        public partial struct Svm
        {
            static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y, float delta = 1f)
                => Mean(i => Sum(j => j == y[i] ? 0f : Max(0f, s[i, j] - s[i, y[i]] + delta)));
        }
        """,
        Usings + """
        [Loss]
        public partial struct Softmax
        {
            static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y)
                => Mean(i => LogSumExp(j => s[i, j]) - s[i, y[i]]);
        }
        """,
        Usings + """
        [Regularizer]
        public partial struct Ridge
        {
            static float Define([Shape("P")] Tensor w) => Sum(k => Sqr(w[k]));
        }
        """,
        Usings + """
        [Loss]
        public partial struct Broken
        {
            static float Define([Shape("N")] Tensor x) => Sum(i => x[i, i]);
        }
        """,
    };

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun()
    {
        var compilation = GeneratorHarness.Compilation(Declarations);
        var driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(compilation);
        return (driver, compilation);
    }

    private static IReadOnlyList<(string Step, IncrementalStepRunReason Reason)> Outputs(GeneratorDriver driver, string step) =>
        driver.GetRunResult().Results.Single().TrackedSteps[step]
            .SelectMany(s => s.Outputs.Select(o => (step, o.Reason))).ToList();

    [Fact]
    public void Adding_an_unrelated_class_re_runs_no_step()
    {
        var (driver, compilation) = FirstRun();
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Demo; public class Unrelated { public int X => 42; }", GeneratorHarness.ParseOptions, path: "Unrelated.cs"));

        driver = driver.RunGenerators(edited);

        var outputs = Outputs(driver, LossGenGenerator.ReadStep).Concat(Outputs(driver, LossGenGenerator.CompileStep)).ToList();
        outputs.Count(o => o.Step == LossGenGenerator.CompileStep).ShouldBe(Declarations.Length);
        outputs.ShouldAllBe(o => o.Reason == IncrementalStepRunReason.Cached || o.Reason == IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Adding_a_class_at_the_end_of_a_declarations_file_re_runs_no_compile()
    {
        var (driver, compilation) = FirstRun();
        var tree = compilation.SyntaxTrees.ElementAt(2);
        var text = tree.GetText().ToString() + "\npublic static class Notes { public static int Count() => 1; }\n";
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text)));

        driver = driver.RunGenerators(edited);

        // Read runs again for the declaration in the edited file, but its model is equal, so Compile is cached.
        Outputs(driver, LossGenGenerator.CompileStep)
            .ShouldAllBe(o => o.Reason == IncrementalStepRunReason.Cached || o.Reason == IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Editing_one_declaration_re_runs_only_its_compile_step()
    {
        var (driver, compilation) = FirstRun();
        var tree = compilation.SyntaxTrees.First();
        var text = tree.GetText().ToString().Replace("float delta = 1f", "float delta = 2f");
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text)));

        driver = driver.RunGenerators(edited);

        var compile = Outputs(driver, LossGenGenerator.CompileStep);
        compile.Count(o => o.Reason == IncrementalStepRunReason.Modified).ShouldBe(1);
        compile.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged).ShouldBe(Declarations.Length - 1);
        Outputs(driver, LossGenGenerator.ReadStep).Count(o => o.Reason == IncrementalStepRunReason.Modified).ShouldBe(1);
    }
}
