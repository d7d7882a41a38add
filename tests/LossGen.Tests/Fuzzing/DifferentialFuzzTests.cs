using System;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace LossGen.Tests.Fuzzing;

/// <summary>
/// Differential fuzzing of the compiler (see <see cref="DifferentialRunner"/>). The fixed-seed run
/// is part of the normal suite; the long run is the same test with LOSSGEN_FUZZ_COUNT set
/// (tests/README.md, "Fuzzing the compiler").
/// </summary>
public class DifferentialFuzzTests(ITestOutputHelper output)
{
    private const int DefaultCount = 200;
    private const int HostileCount = 100;

    [Fact]
    public void Random_programs_agree_with_the_interpreter_and_pass_the_gradient_check()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("LOSSGEN_FUZZ_COUNT"), out var n) ? n : DefaultCount;
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("LOSSGEN_FUZZ_SEED"), out var s) ? s : 20261121UL;

        var report = DifferentialRunner.Run(seed, count);

        output.WriteLine($"seed {seed}: {report}");
        report.Failures.ShouldBeEmpty(report.ToString());
        // A generator that discarded most programs would test little; keep it honest.
        report.Discarded.ShouldBeLessThan(count / 10 + 1);
    }

    /// <summary>
    /// The same differential check with every program spelled with hostile names: C# keywords,
    /// the generated gradient, dimension, lane and temporary names, Unicode; declared in keyword
    /// and nested namespaces inside partial classes, some named after DSL functions.
    /// </summary>
    [Fact]
    public void Programs_with_hostile_names_compile_and_agree_with_the_interpreter()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("LOSSGEN_FUZZ_COUNT"), out var n) ? n : HostileCount;
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("LOSSGEN_FUZZ_SEED"), out var s) ? s : 20261206UL;

        var report = DifferentialRunner.Run(seed, count, hostile: true);

        output.WriteLine($"seed {seed}: {report}");
        report.Failures.ShouldBeEmpty(report.ToString());
        report.Discarded.ShouldBeLessThan(count / 10 + 1);
    }

    [Fact]
    public void Malformed_programs_get_their_diagnostic_and_never_crash_the_generator()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("LOSSGEN_FUZZ_COUNT"), out var n) ? n : DefaultCount;
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("LOSSGEN_FUZZ_SEED"), out var s) ? s : 20261121UL;

        var report = MalformedRunner.Run(seed, count);

        output.WriteLine($"seed {seed}: {report}");
        report.Failures.ShouldBeEmpty(report.ToString());
    }
}
