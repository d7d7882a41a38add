using System;
using System.Linq;
using BenchmarkDotNet.Running;
using LossGen.Benchmarks.Verification;

namespace LossGen.Benchmarks;

public static class Program
{
    public static int Main(string[] args)
    {
        // --verify is handled before BenchmarkDotNet sees the arguments: it is a correctness gate, not
        // a benchmark, and must fail the process (exit 1) so scripts stop before timing a wrong kernel.
        if (Array.IndexOf(args, "--verify") >= 0)
        {
            return PeerVerifier.Run();
        }

        int argmax = Array.IndexOf(args, "--stopwatch-argmax");
        if (argmax >= 0)
        {
            int repetitions = argmax + 1 < args.Length && int.TryParse(args[argmax + 1], out int r) ? r : 200;
            return Experiments.ArgMaxStopwatch.Run(repetitions);
        }

        // --stopwatch-fused [rounds]: the FusedStep suite's rows round-robin, min and median per call.
        int fused = Array.IndexOf(args, "--stopwatch-fused");
        if (fused >= 0)
        {
            int rounds = fused + 1 < args.Length && int.TryParse(args[fused + 1], out int r) ? r : 100;
            return Experiments.FusedStepStopwatch.Run(rounds);
        }

        // --stopwatch-linear [rounds]: the generated linear-model steps on 1 and 2 threads, round-robin.
        int linear = Array.IndexOf(args, "--stopwatch-linear");
        if (linear >= 0)
        {
            int rounds = linear + 1 < args.Length && int.TryParse(args[linear + 1], out int r) ? r : 50;
            return Experiments.LinearModelStopwatch.Run(rounds);
        }

        if (Array.IndexOf(args, "--stopwatch-pairwise") >= 0)
        {
            return Suites.PairwiseDistanceBenchmarks.StopwatchReport();
        }

        // --stopwatch-adam [reps]: min-of-N timings of the Adam rows and the ceiling experiments.
        int adam = Array.IndexOf(args, "--stopwatch-adam");
        if (adam >= 0)
        {
            int repetitions = adam + 1 < args.Length && int.TryParse(args[adam + 1], out int r) ? r : 50;
            return Experiments.StopwatchRunner.Run(repetitions);
        }

        // --stopwatch [reps] [C ...] [--only TEXT]: min-of-N timings of the loss kernels (see StopwatchMinimum);
        // --only keeps the rows whose "Suite/Method/Size" contains TEXT, e.g. --only Generated/65536x10.
        int stopwatch = Array.IndexOf(args, "--stopwatch");
        if (stopwatch >= 0)
        {
            int onlyAt = Array.IndexOf(args, "--only");
            string? only = onlyAt >= 0 && onlyAt + 1 < args.Length ? args[onlyAt + 1] : null;
            var rest = args.Where((_, i) => i != onlyAt && i != onlyAt + 1).ToArray();
            stopwatch = Array.IndexOf(rest, "--stopwatch");
            int reps = stopwatch + 1 < rest.Length && int.TryParse(rest[stopwatch + 1], out int n) ? n : 200;
            var classes = rest.Skip(stopwatch + 2).Select(int.Parse);
            return Infrastructure.StopwatchMinimum.Run(reps, classes, only);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
