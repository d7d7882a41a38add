using System.Linq;
using Microsoft.CodeAnalysis;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Diagnostics;

/// <summary>
/// Index arithmetic gets one diagnostic, LG0011 at the index: C# itself accepts the expression
/// (IndexVar declares the operators for this), so no CS0019 appears beside it, and no other LossGen
/// diagnostic (the misleading LG0005 about the tensor) either.
/// </summary>
public class IndexArithmeticTests
{
    [Theory]
    [InlineData("Sum(i => p[i + 1])", "i + 1")]
    [InlineData("Mean(i => Sqr(p[1 + i] - p[i]))", "1 + i")]
    [InlineData("Sum(i => p[i - 1] * p[i])", "i - 1")]
    [InlineData("Sum(k => Abs(p[k * 2]))", "k * 2")]
    public void Index_arithmetic_is_the_only_error_and_it_is_at_the_index(string body, string index)
    {
        string source = $$"""
            using LossGen;
            using static LossGen.Dsl;

            [Loss]
            public partial struct Probe
            {
                static float Define([Shape("N")] Tensor p) => {{body}};
            }
            """;

        var run = DiagnosticRun.Of(source);

        run.Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
        var reported = run.Reported.ShouldHaveSingleItem();
        reported.Id.ShouldBe("LG0011");
        source.Substring(reported.Location.SourceSpan.Start, reported.Location.SourceSpan.Length).ShouldBe(index);
        run.ShouldHaveAHealthyGenerator();
    }
}
