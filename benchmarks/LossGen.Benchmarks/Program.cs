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

        if (Array.IndexOf(args, "--stopwatch-pairwise") >= 0)
        {
            return Suites.PairwiseDistanceBenchmarks.StopwatchReport();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
