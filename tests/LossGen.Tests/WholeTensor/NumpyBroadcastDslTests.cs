using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using LossGen.Tests.Diagnostics;
using Shouldly;
using Xunit;

namespace LossGen.Tests.WholeTensor;

/// <summary>
/// numpy's own answers (Fixtures/broadcast.json: random shapes and np.broadcast_shapes) against the
/// DSL end to end: every case becomes a declaration adding tensors of those shapes, compiled by the
/// real generator and analyzer in one compilation. Where numpy broadcasts, LossGen must infer the
/// same shape (read back from LG0101's message by indexing the sum with one index); where numpy
/// raises, LossGen must report LG0105 and nothing else. Cases with a 0 or a scalar () are skipped:
/// a [Shape] size is positive and names at least one axis.
/// </summary>
public class NumpyBroadcastDslTests
{
    private sealed class NumpyCase
    {
        public int[][] Shapes { get; set; } = [];
        public int[]? Result { get; set; }
    }

    private sealed class NumpyFixture
    {
        public NumpyCase[] Cases { get; set; } = [];
    }

    [Fact]
    public void Dsl_broadcasting_agrees_with_numpy_on_the_fixture()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "broadcast.json");
        var all = JsonSerializer.Deserialize<NumpyFixture>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!.Cases;
        var cases = all.Where(c => c.Shapes.All(s => s.Length > 0 && s.All(d => d > 0))).ToList();
        // Enough of both outcomes survive the filter for the comparison to mean something.
        cases.Count(c => c.Result is null).ShouldBeGreaterThan(20);
        cases.Count(c => c.Result is not null).ShouldBeGreaterThan(20);

        var source = new StringBuilder("using LossGen;\nusing static LossGen.Dsl;\n");
        for (var n = 0; n < cases.Count; n++)
        {
            var shapes = cases[n].Shapes;
            var parameters = string.Join(", ", shapes.Select((s, k) => $"[Shape({string.Join(", ", s.Select(d => $"\"{d}\""))})] Tensor t{k}"));
            var sum = string.Join(" + ", shapes.Select((_, k) => "t" + k));
            source.Append($$"""
                [Loss]
                public partial struct Case{{n}}
                {
                    static float Define({{parameters}})
                    {
                        var r = {{sum}};
                        return Sum(i => r[i]);
                    }
                }

                """);
        }

        var run = DiagnosticRun.Of(source.ToString());
        run.ShouldHaveAHealthyGenerator();

        var text = source.ToString();
        var byCase = run.Reported.GroupBy(d => CaseAt(text, d.Location.SourceSpan.Start)).ToDictionary(g => g.Key, g => g.ToList());
        var mismatches = new List<string>();
        for (var n = 0; n < cases.Count; n++)
        {
            var reported = byCase.GetValueOrDefault(n) ?? [];
            var shapes = string.Join(" + ", cases[n].Shapes.Select(s => "(" + string.Join(",", s) + ")"));
            if (cases[n].Result is not { } result)
            {
                if (reported.Count == 0 || reported.Any(d => d.Id != "LG0105"))
                    mismatches.Add($"{shapes}: numpy raises, LossGen reported [{string.Join(", ", reported.Select(d => d.Id))}]");
                continue;
            }
            // A rank-1 result is indexed correctly by r[i]: no diagnostic at all.
            var expected = result.Length == 1
                ? []
                : new[] { $"'r' has rank {result.Length} ([{string.Join(", ", result)}]) but is indexed with 1 index" };
            var actual = reported.Select(d => d.GetMessage()).ToArray();
            if (!actual.SequenceEqual(expected))
                mismatches.Add($"{shapes}: numpy gives ({string.Join(",", result)}), LossGen reported [{string.Join("; ", actual)}]");
        }
        mismatches.ShouldBeEmpty();
    }

    /// <summary>The case whose declaration contains <paramref name="position"/>.</summary>
    private static int CaseAt(string source, int position)
    {
        var start = source.LastIndexOf("partial struct Case", position, StringComparison.Ordinal) + "partial struct Case".Length;
        var end = source.IndexOf('\n', start);
        return int.Parse(source[start..end].Trim());
    }
}
