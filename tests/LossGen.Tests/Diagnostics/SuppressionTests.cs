using System.Linq;
using LossGen.Compiler.Diagnostics;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Diagnostics;

/// <summary>
/// Every ID the analyzer reports can be silenced by each of the three standard mechanisms. The
/// input of each ID is its docs page's wrong example, first checked to report the ID unsuppressed,
/// so a test passes only because the mechanism worked. (LG0999 is reported by the generator, has no
/// location and no reproducer: see its page.)
/// </summary>
public class SuppressionTests
{
    public static TheoryData<string> Ids => DocsTests.ReportableIds;

    [Theory]
    [MemberData(nameof(Ids))]
    public void Pragma_warning_disable_suppresses(string id)
    {
        var source = WrongExample(id);

        var run = DiagnosticRun.Of($"#pragma warning disable {id}\n" + source);

        run.Reported.ShouldBeEmpty();
        run.Analyzer.Where(d => d.Id == id).ShouldNotBeEmpty();
        run.Analyzer.Where(d => d.Id == id).ShouldAllBe(d => d.IsSuppressed);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Editorconfig_severity_none_disables(string id)
    {
        var source = WrongExample(id);

        var run = DiagnosticRun.Of(source, new EditorConfig($"root = true\n\n[*.cs]\ndotnet_diagnostic.{id}.severity = none\n"));

        // Severity none removes the diagnostic outright (it is not reported as suppressed).
        run.Analyzer.Where(d => d.Id == id).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Editorconfig_for_another_file_does_not_disable(string id)
    {
        var source = WrongExample(id);

        var run = DiagnosticRun.Of(source, new EditorConfig($"root = true\n\n[Other.cs]\ndotnet_diagnostic.{id}.severity = none\n"));

        run.Reported.Select(d => d.Id).ShouldContain(id);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void SuppressMessage_on_the_declaring_type_suppresses(string id)
    {
        var source = WrongExample(id);
        // The attribute goes on the outermost type, which contains every location LossGen reports.
        var tree = CSharpSyntaxTree.ParseText(source);
        var outer = tree.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>().First();
        var attributed = source.Insert(outer.SpanStart,
            $"[System.Diagnostics.CodeAnalysis.SuppressMessage(\"LossGen\", \"{id}\")]\n");

        var run = DiagnosticRun.Of(attributed);

        run.Reported.ShouldBeEmpty();
        run.Analyzer.Where(d => d.Id == id).ShouldNotBeEmpty();
        run.Analyzer.Where(d => d.Id == id).ShouldAllBe(d => d.IsSuppressed);
    }

    private static string WrongExample(string id)
    {
        var source = DocPage.Load(id).Wrong!;
        DiagnosticRun.Of(source).Reported.Select(d => d.Id).ShouldContain(id, "the input must report the ID when nothing suppresses it");
        return source;
    }

    [Fact]
    public void Every_reportable_ID_is_covered()
    {
        // Guards the theories above against an ID being added without a page to draw its input from.
        Ids.Cast<object[]>().Select(row => (string)row[0]).ShouldBe(Descriptors.All.Where(d => d != Descriptors.InternalError).Select(d => d.Id));
    }
}
