using System;
using System.Collections.Generic;
using System.Globalization;
using LossGen.Benchmarks.Infrastructure;
using LossGen.Benchmarks.Peers;

namespace LossGen.Benchmarks.Verification;

internal delegate float LossKernel(ReadOnlySpan<float> s, ReadOnlySpan<int> y, int n, int c, Span<float> ds);

internal delegate void AdamKernel(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v, int t);

/// <summary>
/// `--verify`: runs every benchmarked implementation on small and medium inputs and compares value
/// and gradient with <see cref="References"/> (double). A fast-but-wrong kernel must fail here before
/// its timing is worth reading. Returns the process exit code: 0 all pass, 1 any mismatch.
/// </summary>
internal static class PeerVerifier
{
    private const double RelativeTolerance = 1e-4;

    // Gradient entries far below the gradient's own scale are compared against this fraction of the
    // largest |reference| instead of themselves: a 1e-12 softmax probability computed with a 1e-7
    // relative float error is not a wrong kernel.
    private const double GradientFloorFraction = 1e-3;

    // Every implementation in the benchmark tables must be listed here.
    private static readonly (string Name, LossKernel Kernel)[] SvmKernels =
    [
        ("Naive", (s, y, n, c, ds) => MulticlassSvmNaive.ValueAndGradient(s, y, n, c, ds)),
        ("TensorPrimitivesComposed", (s, y, n, c, ds) => MulticlassSvmTensorPrimitives.ValueAndGradient(s, y, n, c, ds)),
        ("Generated", (s, y, n, c, ds) => LossGen.Builtins.MulticlassSvm.ValueAndGradient(s, y, n, c, ds)),
    ];

    private static readonly (string Name, LossKernel Kernel)[] SoftmaxKernels =
    [
        ("Naive", SoftmaxCrossEntropyNaive.ValueAndGradient),
        ("TensorPrimitivesComposed", SoftmaxCrossEntropyTensorPrimitives.ValueAndGradient),
        ("Generated", (s, y, n, c, ds) => LossGen.Builtins.SoftmaxCrossEntropy.ValueAndGradient(s, y, n, c, ds)),
    ];

    private static readonly (string Name, LossKernel Kernel)[] CrammerSingerKernels =
    [
        ("Naive", CrammerSingerNaive.ValueAndGradient),
        ("Generated", (s, y, n, c, ds) => CrammerSingerLoss.ValueAndGradient(s, y, n, c, ds)),
    ];

    private static readonly (string Name, AdamKernel Kernel)[] AdamKernels =
    [
        ("Naive", (w, g, m, v, t) => AdamNaive.Step(w, g, m, v, t)),
        // Verification only: the benchmark allocates scratch once in setup, here once per call is fine.
        ("TensorPrimitivesComposed", (w, g, m, v, t) => AdamTensorPrimitives.Step(w, g, m, v, t, new float[w.Length])),
        ("Generated", (w, g, m, v, t) => LossGen.Builtins.Adam.Step(w, g, m, v, t)),
    ];

    /// <summary>Adam on the objective L + λ·Σw² (λ = <see cref="AdamPenalty"/>): fused into the step, and the regularizer's pass before it.</summary>
    private static readonly (string Name, AdamKernel Kernel)[] AdamL2Kernels =
    [
        ("GeneratedFusedL2", (w, g, m, v, t) => LossGen.Builtins.Adam.Step(w, g, m, v, t, new LossGen.Builtins.L2.Penalty(AdamPenalty))),
        ("L2PassThenStep", (w, g, m, v, t) =>
            Suites.AdamBenchmarks.L2PassThenStep(w, g, m, v, t, AdamPenalty, new float[w.Length], new float[w.Length])),
    ];

    /// <summary>Large enough that 2λw is comparable to g for the small weights of the check, so a missing or doubled penalty fails.</summary>
    private const double AdamPenalty = 0.5;

    public static int Run()
    {
        var failures = new List<string>();

        foreach (var (name, n, c, s, y) in SvmCases())
        {
            var reference = new double[n * c];
            double expected = References.MulticlassSvm(s, y, n, c, 1.0, reference);
            foreach (var (peer, kernel) in SvmKernels)
            {
                CheckLoss($"MulticlassSvm/{peer}/{name}", kernel, s, y, n, c, expected, reference, failures);
            }
        }

        foreach (var (name, n, c, s, y) in SoftmaxCases())
        {
            var reference = new double[n * c];
            double expected = References.SoftmaxCrossEntropy(s, y, n, c, reference);
            foreach (var (peer, kernel) in SoftmaxKernels)
            {
                CheckLoss($"SoftmaxCrossEntropy/{peer}/{name}", kernel, s, y, n, c, expected, reference, failures);
            }
        }

        foreach (var (name, n, c, s, y) in CrammerSingerCases())
        {
            var reference = new double[n * c];
            double expected = References.CrammerSinger(s, y, n, c, reference);
            foreach (var (peer, kernel) in CrammerSingerKernels)
            {
                CheckLoss($"CrammerSinger/{peer}/{name}", kernel, s, y, n, c, expected, reference, failures);
            }
        }

        foreach (int p in new[] { 37, 100_003 })
        {
            foreach (var (peer, kernel) in AdamKernels)
            {
                CheckAdam($"Adam/{peer}/P={p}", kernel, p, failures);
            }

            foreach (var (peer, kernel) in AdamL2Kernels)
            {
                CheckAdam($"Adam+L2/{peer}/P={p}", kernel, p, failures, AdamPenalty);
            }
        }

        CheckWorkedExamples(failures);
        LinearModelChecks.Run(failures);
        if (Experiments.AdamCeilingCheck.Run() is { } ceiling) failures.Add(ceiling);

        if (failures.Count == 0)
        {
            Console.WriteLine("verify: all implementations match the double-precision references.");
            return 0;
        }

        Console.Error.WriteLine($"verify: {failures.Count} FAILURE(S)");
        foreach (string failure in failures)
        {
            Console.Error.WriteLine("  FAIL " + failure);
        }

        return 1;
    }

    private static IEnumerable<(string Name, int N, int C, float[] S, int[] Y)> SvmCases()
    {
        // Small: dyadic scores (multiples of 1/256) make s_ij − s_iy + 1 exact in float, so planted
        // ties land exactly on the kink and test the strict "> 0" convention deterministically.
        foreach (var (n, c) in new[] { (7, 3), (300, 37) })
        {
            float[] s = InputData.Normal(n * c, seed: 100 + c);
            for (int k = 0; k < s.Length; k++)
            {
                s[k] = MathF.Round(s[k] * 256f) / 256f;
            }

            int[] y = InputData.Labels(n, c, seed: 200 + c);
            for (int i = 0; i < n; i += 3)
            {
                int j = (y[i] + 1) % c;
                s[i * c + j] = s[i * c + y[i]] - 1f; // margin exactly 0
            }

            yield return ($"{n}x{c} dyadic with kinks", n, c, s, y);
        }

        // Medium, ordinary random scores; 1000 classes exercises many full vectors and a tail.
        yield return ("64x1000", 64, 1000, InputData.Normal(64 * 1000, seed: 300), InputData.Labels(64, 1000, seed: 301));
    }

    private static IEnumerable<(string Name, int N, int C, float[] S, int[] Y)> CrammerSingerCases()
    {
        yield return ("300x10", 300, 10, InputData.Normal(300 * 10, seed: 600), InputData.Labels(300, 10, seed: 601));
        yield return ("64x100", 64, 100, InputData.Normal(64 * 100, seed: 602), InputData.Labels(64, 100, seed: 603));
        // Scores rounded to quarters: the largest other class ties in most rows, often across lanes.
        float[] ties = InputData.Normal(200 * 37, seed: 604);
        for (int k = 0; k < ties.Length; k++) ties[k] = MathF.Round(ties[k] * 4f) / 4f;
        yield return ("200x37 quarters (ties)", 200, 37, ties, InputData.Labels(200, 37, seed: 605));
    }

    private static IEnumerable<(string Name, int N, int C, float[] S, int[] Y)> SoftmaxCases()
    {
        yield return ("7x3", 7, 3, InputData.Normal(21, seed: 400), InputData.Labels(7, 3, seed: 401));
        yield return ("300x37", 300, 37, InputData.Normal(300 * 37, seed: 402), InputData.Labels(300, 37, seed: 403));
        yield return ("64x1000", 64, 1000, InputData.Normal(64 * 1000, seed: 404), InputData.Labels(64, 1000, seed: 405));
        // Stability: without the max-shift exp overflows to +Inf and the loss becomes NaN.
        yield return ("50x17 scale 1e4", 50, 17, InputData.Normal(50 * 17, seed: 406, scale: 1e4), InputData.Labels(50, 17, seed: 407));
        yield return ("50x17 scale 1e30", 50, 17, InputData.Normal(50 * 17, seed: 408, scale: 1e30), InputData.Labels(50, 17, seed: 409));
    }

    private static void CheckLoss(string what, LossKernel kernel, float[] s, int[] y, int n, int c,
        double expected, double[] expectedGradient, List<string> failures)
    {
        // NaN-filled output proves the kernel overwrites every gradient entry rather than accumulating.
        var ds = new float[n * c];
        Array.Fill(ds, float.NaN);
        float value;
        try
        {
            value = kernel(s, y, n, c, ds);
        }
        catch (Exception e)
        {
            failures.Add($"{what}: threw {e.GetType().Name}: {e.Message}");
            return;
        }

        CompareScalar(what + " value", value, expected, failures);
        CompareArray(what + " gradient", ds, expectedGradient, failures);
    }

    private static void CheckAdam(string what, AdamKernel kernel, int p, List<string> failures, double l2 = 0)
    {
        float[] g0 = InputData.Normal(p, seed: 500);
        // Small weights: the check compares the applied update Δw (≈ lr) with the reference, and a
        // weight near 1 would round Δw in float to ~1e-4 relative before the kernel is even judged.
        float[] w = InputData.Normal(p, seed: 501, scale: 0.01);
        float[] m = new float[p];
        float[] v = new float[p];
        double[] wRef = Array.ConvertAll(w, x => (double)x);
        double[] mRef = new double[p];
        double[] vRef = new double[p];

        for (int t = 1; t <= 3; t++)
        {
            // A different gradient each step so m and v are real running averages, not a constant.
            float[] g = Array.ConvertAll(g0, x => x * (1f + 0.5f * t));
            float[] before = (float[])w.Clone();
            double[] refBefore = (double[])wRef.Clone();
            try
            {
                kernel(w, g, m, v, t);
            }
            catch (Exception e)
            {
                failures.Add($"{what}: threw {e.GetType().Name}: {e.Message}");
                return;
            }

            References.AdamStep(wRef, g, mRef, vRef, t, l2: l2);

            var delta = new float[p];
            var deltaRef = new double[p];
            for (int i = 0; i < p; i++)
            {
                delta[i] = w[i] - before[i];
                deltaRef[i] = wRef[i] - refBefore[i];
            }

            CompareArray($"{what} t={t} Δw", delta, deltaRef, failures);
            CompareArray($"{what} t={t} m", m, mRef, failures);
            CompareArray($"{what} t={t} v", v, vRef, failures);
        }
    }

    /// <summary>The textbook three-example batch: SVM losses 2.9, 0, 12.9 (mean 5.27); cat softmax loss 2.04.</summary>
    private static void CheckWorkedExamples(List<string> failures)
    {
        float[] scores = [3.2f, 5.1f, -1.7f, 1.3f, 4.9f, 2.0f, 2.2f, 2.5f, -3.1f];
        int[] labels = [0, 1, 2];
        var ds = new float[9];
        foreach (var (peer, kernel) in SvmKernels)
        {
            float value = kernel(scores, labels, 3, 3, ds);
            CompareScalar($"MulticlassSvm/{peer}/worked example", value, (2.9 + 0 + 12.9) / 3, failures);
        }

        foreach (var (peer, kernel) in SoftmaxKernels)
        {
            float value = kernel(scores.AsSpan(0, 3), labels.AsSpan(0, 1), 1, 3, ds.AsSpan(0, 3));
            // 2.0404 to 4 places; the tolerance here is the example's printed precision, not 1e-4.
            if (Math.Abs(value - 2.0404) > 5e-4)
            {
                failures.Add($"SoftmaxCrossEntropy/{peer}/worked example: got {value}, expected 2.0404");
            }
        }
    }

    private static void CompareScalar(string what, double got, double expected, List<string> failures)
    {
        double error = Math.Abs(got - expected) / Math.Max(Math.Abs(expected), 1e-6);
        if (!(error <= RelativeTolerance))
        {
            failures.Add($"{what}: got {got.ToString("R", CultureInfo.InvariantCulture)}, expected {expected.ToString("R", CultureInfo.InvariantCulture)} (relative error {error:E2})");
        }
    }

    private static void CompareArray(string what, ReadOnlySpan<float> got, double[] expected, List<string> failures)
    {
        double scale = 0;
        foreach (double e in expected)
        {
            scale = Math.Max(scale, Math.Abs(e));
        }

        double floor = Math.Max(scale * GradientFloorFraction, 1e-30);
        double worst = 0;
        int worstIndex = -1;
        for (int k = 0; k < expected.Length; k++)
        {
            double error = Math.Abs(got[k] - expected[k]) / Math.Max(Math.Abs(expected[k]), floor);
            // "!(error <= worst)" also catches NaN, which a plain ">" comparison would let through.
            if (!(error <= worst))
            {
                worst = error;
                worstIndex = k;
                if (double.IsNaN(error))
                {
                    break;
                }
            }
        }

        if (!(worst <= RelativeTolerance))
        {
            failures.Add($"{what}: element {worstIndex} got {got[worstIndex]}, expected {expected[worstIndex]} (relative error {worst:E2})");
        }
    }
}
