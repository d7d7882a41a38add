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
