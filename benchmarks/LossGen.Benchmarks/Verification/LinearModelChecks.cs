using System;
using System.Collections.Generic;
using LossGen.Benchmarks.Infrastructure;
using LossGen.Benchmarks.Peers;

namespace LossGen.Benchmarks.Verification;

/// <summary>
/// --verify for the linear-model suite: every peer's loss, dW and db against the generated
/// LinearSoftmax in double (itself checked against PyTorch and finite differences by the tests),
/// at each benchmark shape and one with a ragged D.
/// </summary>
internal static class LinearModelChecks
{
    private const float Lambda = 1e-3f;

    public static void Run(List<string> failures)
    {
        var shapes = new List<LinearShape>(Suites.LinearModelBenchmarks.Shapes) { new(7, 37, 3) };
        foreach (var shape in shapes)
        {
            int n = shape.N, d = shape.D, c = shape.C;
            float[] x = InputData.Normal(n * d, seed: 11), w = InputData.Normal(d * c, seed: 12, scale: 0.01), b = InputData.Normal(c, seed: 13, scale: 0.01);
            int[] y = InputData.Labels(n, c, seed: 14);
            var dwRef = new double[d * c];
            var dbRef = new double[c];
            double expected = LossGen.Builtins.LinearSoftmax.ValueAndGradient(Array.ConvertAll(x, v => (double)v), Array.ConvertAll(w, v => (double)v),
                Array.ConvertAll(b, v => (double)v), y, n, d, c, dwRef, dbRef, Lambda);
            var scratch = new float[Math.Max(2 * d * c + c, LinearSoftmaxBlocked.ScratchLength(d, c))];
            var peers = new List<(string, Func<float[], float[], float>)>
            {
                ("Generated", (dw, db) => LossGen.Builtins.LinearSoftmax.ValueAndGradient(x, w, b, y, n, d, c, dw, db, Lambda)),
                ("Naive", (dw, db) => LinearSoftmaxNaive.ValueAndGradient(x, w, b, y, n, d, c, Lambda, dw, db, scratch)),
                ("TensorPrimitivesComposed", (dw, db) => LinearSoftmaxTensorPrimitives.ValueAndGradient(x, w, b, y, n, d, c, Lambda, dw, db, scratch)),
            };
            if (d >= 16) peers.Add(("HandBlocked", (dw, db) => LinearSoftmaxBlocked.ValueAndGradient(x, w, b, y, n, d, c, Lambda, dw, db, scratch)));
            if (d >= 16) CheckFusedStep(x, w, b, y, shape, scratch, failures);
            foreach (var (name, peer) in peers)
            {
                var dw = new float[d * c];
                var db = new float[c];
                double value = peer(dw, db);
                string where = $"LinearSoftmax/{name}/{shape}";
                if (Math.Abs(value - expected) > 1e-4 * Math.Max(1, Math.Abs(expected))) failures.Add($"{where}: loss {value} vs {expected}");
                Compare(where + " dW", dw, dwRef, failures);
                Compare(where + " db", db, dbRef, failures);
            }
        }
    }

    /// <summary>
    /// The fused-step prototype (HandBlocked FusedSgdStep) against the same peer's ValueAndGradient
    /// followed by the generated Sgd.Step on W and b: the same loss and the same updates. lr = 0.5, so the
    /// update is large against the rounding of w.
    /// </summary>
    private static void CheckFusedStep(float[] x, float[] w, float[] b, int[] y, LinearShape shape, float[] scratch, List<string> failures)
    {
        const float lr = 0.5f;
        int n = shape.N, d = shape.D, c = shape.C;
        float[] w1 = (float[])w.Clone(), b1 = (float[])b.Clone(), dw = new float[d * c], db = new float[c];
        double expected = LinearSoftmaxBlocked.ValueAndGradient(x, w1, b1, y, n, d, c, Lambda, dw, db, scratch);
        LossGen.Builtins.Sgd.Step(w1, dw, 1, lr);
        LossGen.Builtins.Sgd.Step(b1, db, 1, lr);
        float[] w2 = (float[])w.Clone(), b2 = (float[])b.Clone();
        double value = LinearSoftmaxBlocked.FusedSgdStep(x, w2, b2, y, n, d, c, Lambda, lr, scratch);
        string where = $"LinearSoftmax/HandBlockedFusedSgd/{shape}";
        if (Math.Abs(value - expected) > 1e-6 * Math.Max(1, Math.Abs(expected))) failures.Add($"{where}: loss {value} vs {expected}");
        CompareUpdate(where + " W", w, w1, w2, failures);
        CompareUpdate(where + " b", b, b1, b2, failures);
    }

    private static void CompareUpdate(string where, float[] before, float[] expected, float[] actual, List<string> failures)
    {
        double scale = 0;
        for (int t = 0; t < before.Length; t++) scale = Math.Max(scale, Math.Abs(expected[t] - before[t]));
        for (int t = 0; t < before.Length; t++)
        {
            if (Math.Abs((actual[t] - before[t]) - (expected[t] - before[t])) > 1e-4 * Math.Max(scale, 1e-6))
            {
                failures.Add($"{where}[{t}]: {actual[t]} vs {expected[t]} (before {before[t]})");
                return;
            }
        }
    }

    private static void Compare(string where, float[] actual, double[] expected, List<string> failures)
    {
        double scale = 0;
        foreach (double e in expected) scale = Math.Max(scale, Math.Abs(e));
        for (int t = 0; t < actual.Length; t++)
        {
            if (Math.Abs(actual[t] - expected[t]) > 1e-4 * Math.Max(scale, 1e-3))
            {
                failures.Add($"{where}[{t}]: {actual[t]} vs {expected[t]}");
                return;
            }
        }
    }
}
