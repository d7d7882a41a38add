using System.IO;
using System.Linq;
using LossGen.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Diagnostics;

/// <summary>
/// docs/diagnostics is part of the product (every descriptor's help link points there), so its
/// examples are compiled: the wrong one must get its ID with the message shown on the page, and the
/// fixed one must compile through the generator into a kernel (an optimizer's: its Step) with no
/// diagnostics at all.
/// </summary>
public class DocsTests
{
    public static TheoryData<string> Ids => new(Descriptors.All.Select(d => d.Id));

    /// <summary>IDs a user's declaration can cause; LG0999 is a LossGen bug and has no wrong example.</summary>
    public static TheoryData<string> ReportableIds => new(Descriptors.All.Where(d => d != Descriptors.InternalError).Select(d => d.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_descriptor_has_a_page_with_its_title_and_help_link(string id)
    {
        var descriptor = Descriptors.ById(id);
        var page = DocPage.Load(id);
        page.Title.ShouldBe(descriptor.Title.ToString());
        // The link is the page's name relative to the repository root and the package root, both of
        // which ship docs/diagnostics (DocPage.Load above read this very page from the build output's copy).
        descriptor.HelpLinkUri.ShouldBe($"docs/diagnostics/{id}.md");
        page.Blocks.Keys.ShouldContain("Suppressing it");
        page.MessageFormat.ShouldBe(descriptor.MessageFormat.ToString());
    }

    [Theory]
    [MemberData(nameof(ReportableIds))]
    public void Wrong_example_reports_its_ID_with_the_message_on_the_page(string id)
    {
        var page = DocPage.Load(id);
        page.Wrong.ShouldNotBeNull($"{id}.md has no '## Wrong' code block");

        var run = DiagnosticRun.Of(page.Wrong);

        run.Reported.Select(d => d.Id).Distinct().ShouldBe(new[] { id });
        run.Reported.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ShouldContain(page.ExampleMessage);
        run.ShouldHaveAHealthyGenerator();
        // An error means no kernel; a lint (warning or message) is about a declaration that compiles,
        // so its wrong example must still get one (when the example declares anything).
        var descriptor = Descriptors.ById(id);
        var generated = run.Generator.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()).ToList();
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
            generated.ShouldAllBe(s => !s.Contains("ValueAndGradient(") && !s.Contains("public static void Step("));
        else if (descriptor != Descriptors.L2WithAdam)
            generated.ShouldHaveSingleItem().ShouldContain("ValueAndGradient(");
    }

    [Theory]
    [MemberData(nameof(ReportableIds))]
    public void Fixed_example_compiles_into_a_kernel_with_no_diagnostics(string id)
    {
        var page = DocPage.Load(id);
        page.Fixed.ShouldNotBeNull($"{id}.md has no '## Fixed' code block");

        var run = DiagnosticRun.Of(page.Fixed);

        run.Analyzer.ShouldBeEmpty();
        run.Generator.Diagnostics.ShouldBeEmpty();
        run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ShouldBeEmpty();
        // LG0305 is about training code (an optimizer and an objective), which declares nothing to generate.
        if (Descriptors.ById(id) == Descriptors.L2WithAdam)
        {
            run.Generator.Results.Single().GeneratedSources.ShouldBeEmpty();
            return;
        }
        // A fallback (an empty partial struct) would also compile; a kernel has the generated API:
        // ValueAndGradient for a loss or regularizer, Step for an optimizer (the LG02xx pages).
        var api = Descriptors.ById(id).Category == Descriptors.MissingUpdateRule.Category ? "public static void Step(" : "ValueAndGradient(";
        // An element-wise regularizer also gets its fused Penalty file beside the kernel.
        run.Generator.Results.Single().GeneratedSources.Single(s => !s.HintName.EndsWith(".Penalty.g.cs")).SourceText.ToString().ShouldContain(api);
    }

    [Fact]
    public void The_index_lists_every_ID_once_with_its_title()
    {
        var readme = File.ReadAllText(Path.Combine(DocPage.Directory, "README.md"));
        foreach (var d in Descriptors.All)
            readme.ShouldContain($"| [{d.Id}]({d.Id}.md) | {d.Title} |");
        Directory.GetFiles(DocPage.Directory, "LG*.md").Length.ShouldBe(Descriptors.All.Count, "a page without a descriptor");
    }

    [Fact]
    public void The_package_readme_lists_every_ID_with_its_title_and_shipped_page()
    {
        // The package carries docs/diagnostics beside its README, so the relative links resolve there.
        var readme = File.ReadAllText(Path.Combine(System.AppContext.BaseDirectory, "Package", "README.md"));
        foreach (var d in Descriptors.All)
            readme.ShouldContain($"| [{d.Id}]({d.HelpLinkUri}) | {d.Title} |");
    }

    [Fact]
    public void The_release_table_has_a_row_per_descriptor()
    {
        var table = File.ReadAllText(Path.Combine(System.AppContext.BaseDirectory, "Releases", "AnalyzerReleases.Unshipped.md"));
        foreach (var d in Descriptors.All)
            table.ShouldContain($"{d.Id} | {d.Category} | {d.DefaultSeverity} | {d.Title}");
    }
}
