using System;
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

        if (Array.IndexOf(args, "--stopwatch-pairwise") >= 0)
        {
            return Suites.PairwiseDistanceBenchmarks.StopwatchReport();
        }

        int stopwatch = Array.IndexOf(args, "--stopwatch");
        if (stopwatch >= 0)
        {
            int repetitions = stopwatch + 1 < args.Length && int.TryParse(args[stopwatch + 1], out int r) ? r : 50;
            return Experiments.StopwatchRunner.Run(repetitions);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
