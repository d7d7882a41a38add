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

        // --stopwatch [reps]: min-of-N timings beside BenchmarkDotNet's statistics (see StopwatchMinimum).
        int stopwatch = Array.IndexOf(args, "--stopwatch");
        if (stopwatch >= 0)
        {
            int reps = stopwatch + 1 < args.Length && int.TryParse(args[stopwatch + 1], out int n) ? n : 200;
            var classes = args.Skip(stopwatch + 2).Select(int.Parse);
            return Infrastructure.StopwatchMinimum.Run(reps, classes);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
