using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Diagnostics;

/// <summary>
/// The error corpus (Halide's test/error style): every file in Diagnostics/Corpus is a small
/// wrong declaration compiled through the real generator and analyzer. It must get exactly its
/// diagnostic, exactly at the marked spans, and nothing may crash on the way.
/// </summary>
public class CorpusTests
{
    public static TheoryData<string> Cases => new(CorpusCase.Names());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Corpus_case_reports_its_diagnostic_at_the_marked_span(string name)
    {
        var c = CorpusCase.Load(name);
        c.Markup.Spans.ShouldNotBeEmpty($"{name} marks no span");

        var run = DiagnosticRun.Of(c.Markup.Source);

        var actual = run.Reported.OrderBy(d => d.Location.SourceSpan.Start).ToList();
        // Only a location in the syntax tree is reachable by #pragma, .editorconfig and [SuppressMessage].
        actual.ShouldAllBe(d => d.Location.IsInSource);
        var expected = c.Markup.Spans.Select(s => Describe(c.Id, s, c.Markup.Source));
        actual.Select(d => Describe(d.Id, d.Location.SourceSpan, c.Markup.Source)).ShouldBe(expected,
            "reported:\n" + string.Join("\n", actual.Select(d => d.ToString())));
        if (c.Message is not null)
            actual.ShouldAllBe(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture) == c.Message,
                "reported:\n" + string.Join("\n", actual.Select(d => d.GetMessage())));
        run.ShouldHaveAHealthyGenerator();
    }

    /// <summary>Reads back as the ID and the marked text, so a failure shows which span moved.</summary>
    private static string Describe(string id, TextSpan span, string source) =>
        $"{id} {span} '{source.Substring(span.Start, span.Length)}'";

    [Fact]
    public void Every_reportable_ID_has_at_least_three_corpus_cases()
    {
        var counts = CorpusCase.Names().Select(CorpusCase.Load).GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.Count());
        // LG0999 is the generator's report of its own bug; a corpus case for it would be a known bug.
        var thin = Descriptors.All.Where(d => d != Descriptors.InternalError && counts.GetValueOrDefault(d.Id) < 3).Select(d => d.Id);
        thin.ShouldBeEmpty();
    }
}
