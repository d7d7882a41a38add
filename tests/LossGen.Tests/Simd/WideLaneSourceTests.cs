using System;
using System.Collections.Generic;
using System.IO;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Simd;

/// <summary>
/// F128/F256 and D128/D256 are one implementation each at two widths. Rather than keep four copies
/// by hand, each pair is written from one template (src/LossGen/Simd/Templates) and the output is
/// committed, so the shipped code is plain source the JIT sees exactly as before. This test is the
/// generator: with LOSSGEN_WRITE_LANES=1 it rewrites the files; otherwise it fails when a committed
/// file differs from its template's output, so an edit to one width alone cannot go unnoticed.
/// </summary>
public class WideLaneSourceTests
{
    private static readonly string Float = "FloatWide";
    private static readonly string Double = "DoubleWide";

    /// <summary>Each file, its template and the tokens that differ between the widths.</summary>
    public static TheoryData<string> Files => new() { "F128", "F256", "D128", "D256" };

    private static (string Template, Dictionary<string, string> Tokens) Spec(string type) => type switch
    {
        "F128" => (Float, new() { ["Type"] = "F128", ["Vector"] = "Vector128", ["Bits"] = "128",
            ["Summary"] = "Four float lanes in one <see cref=\"Vector128{T}\"/> (SSE / Arm64 AdvSimd)." }),
        "F256" => (Float, new() { ["Type"] = "F256", ["Vector"] = "Vector256", ["Bits"] = "256",
            ["Summary"] = "Eight float lanes in one <see cref=\"Vector256{T}\"/> (AVX)." }),
        "D128" => (Double, new() { ["Type"] = "D128", ["Vector"] = "Vector128",
            ["Summary"] = "Two double lanes in one <see cref=\"Vector128{T}\"/> (SSE / Arm64 AdvSimd).",
            ["GatherSummary"] = "One AVX2 gather (of the two low indices); lane by lane without AVX2.",
            // Two labels fill only half an int Vector128, so they are loaded and widened on their own.
            ["LoadLabels"] = "LoadTwo", ["WidenLabels"] = "Widen" }),
        "D256" => (Double, new() { ["Type"] = "D256", ["Vector"] = "Vector256",
            ["Summary"] = "Four double lanes in one <see cref=\"Vector256{T}\"/> (AVX).",
            ["GatherSummary"] = "One AVX2 gather; lane by lane without AVX2.",
            ["LoadLabels"] = "Load128", ["WidenLabels"] = "Widen256" }),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Committed_lane_file_is_its_template_output(string type)
    {
        var simd = Path.Combine(RepoRoot(), "src", "LossGen", "Simd");
        var (template, tokens) = Spec(type);
        var text = File.ReadAllText(Path.Combine(simd, "Templates", template + ".template"));
        foreach (var (token, value) in tokens)
        {
            text.ShouldContain("$" + token + "$", customMessage: $"{template}.template should use ${token}$");
            text = text.Replace("$" + token + "$", value);
        }
        // A token left over would be a width difference the table does not name.
        text.ShouldNotMatch(@"\$[A-Za-z]+\$", customMessage: $"{template}.template has a token the table for {type} does not set");

        var path = Path.Combine(simd, type + ".cs");
        if (Environment.GetEnvironmentVariable("LOSSGEN_WRITE_LANES") == "1") File.WriteAllText(path, text);
        File.ReadAllText(path).ShouldBe(text, $"{type}.cs differs from {template}.template: edit the template and rerun this test with LOSSGEN_WRITE_LANES=1");
    }

    private static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "LossGen.sln")))
            dir = Path.GetDirectoryName(dir.TrimEnd(Path.DirectorySeparatorChar));
        dir.ShouldNotBeNull("the repository root (a folder with LossGen.sln) should be above the test binaries");
        return dir;
    }
}
