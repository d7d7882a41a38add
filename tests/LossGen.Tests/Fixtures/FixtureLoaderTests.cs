using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace LossGen.Tests.Fixtures;

// Guards on the golden files themselves: they parse, their shapes are consistent, and their
// numbers agree with plain double loops written here from our definitions. A fixture broken by
// a bad regeneration (wrong torch reduction, swapped axes, lost precision) fails here, before
// any generated kernel is compared with it.
public sealed class FixtureLoaderTests
{
    private const double Tight = 1e-12;

    public static IEnumerable<object[]> LossFamilies() => Fixtures.LossFamilies.Select(f => new object[] { f });

    [Theory]
    [MemberData(nameof(LossFamilies))]
    public void Loss_fixture_parses_with_consistent_shapes(string family)
    {
        var fx = Fixtures.Loss(family);
        Assert.Equal(family, fx.Family);
        Assert.False(string.IsNullOrWhiteSpace(fx.Definition));
        Assert.NotEmpty(fx.Cases);

        // Every case exists in both dtypes, and names are unique within a dtype.
        foreach (var dtype in new[] { "float64", "float32" })
        {
            var names = fx.OfDtype(dtype).Select(c => c.Name).ToList();
            Assert.Equal(names.Count, names.Distinct().Count());
        }

        Assert.Equal(fx.OfDtype("float64").Select(c => c.Name), fx.OfDtype("float32").Select(c => c.Name));

        foreach (var c in fx.Cases)
        {
            foreach (var t in c.Inputs.Values.Concat(c.Grads.Values))
            {
                Assert.Equal(t.Shape.Aggregate(1, (a, b) => a * b), t.Length);
            }

            foreach (var (name, g) in c.Grads)
            {
                Assert.Equal(c.Input(name).Shape, g.Shape);
            }

            Assert.True(double.IsFinite(c.Value), c.ToString());
            if (c.Dtype == "float32")
            {
                Assert.NotNull(c.Float64Reference);

                // Float32 values must be exactly representable as float32.
                foreach (var t in c.Inputs.Values.Concat(c.Grads.Values))
                {
                    Assert.All(t.Data, d => Assert.Equal(d, (double)(float)d));
                }

                Assert.Equal(c.Value, (double)(float)c.Value);
            }
        }
    }

    [Fact]
    public void Seed_example_matches_the_course_numbers()
    {
        var svm = Fixtures.Loss("svm").Case("seed_example");
        Assert.Equal(5.2667, svm.Value, 1e-4);
        AssertClose(new[] { 2.9, 0.0, 12.9 }, svm.PerExample!.Data, 1e-12, "SVM per-example");
        Assert.Equal(new[] { 0, 1, 2 }, svm.Input("y").AsInts());

        var softmax = Fixtures.Loss("softmax").Case("seed_example");
        Assert.Equal(2.0404, softmax.PerExample!.Data[0], 1e-4);
    }

    [Theory]
    [InlineData("svm", 1)]
    [InlineData("svm_squared", 2)]
    public void Svm_fixtures_agree_with_a_plain_loop(string family, int power)
    {
        foreach (var c in Fixtures.Loss(family).Cases)
        {
            var s = c.Input("s");
            var (value, grad) = Svm(s.Data, c.Input("y").AsInts(), s.Dim(0), s.Dim(1), c.Param("delta"), power);
            CheckAgainstCase(c, value, ("s", grad));
        }
    }

    [Fact]
    public void Softmax_fixtures_agree_with_a_plain_loop_including_huge_scores()
    {
        foreach (var c in Fixtures.Loss("softmax").Cases)
        {
            var s = c.Input("s");
            var (value, grad) = Softmax(s.Data, c.Input("y").AsInts(), s.Dim(0), s.Dim(1));
            CheckAgainstCase(c, value, ("s", grad));
        }

        // The stability cases are the point of the exercise: finite and large.
        Assert.Equal(2e30, Fixtures.Loss("softmax").Case("stability_1e30").PerExample!.Data[1], 1e16);
    }

    [Fact]
    public void Binary_hinge_and_least_squares_agree_with_a_plain_loop()
    {
        foreach (var c in Fixtures.Loss("binary_hinge").Cases)
        {
            var (x, w, y) = (c.Input("X"), c.Input("w").Data, c.Input("y").Data);
            int n = x.Dim(0), d = x.Dim(1);
            double value = 0;
            var g = new double[d];
            for (int i = 0; i < n; i++)
            {
                double m = 1 - y[i] * Dot(x.Data, i * d, w);
                if (m > 0)
                {
                    value += m / n;
                    for (int k = 0; k < d; k++) g[k] -= y[i] * x.Data[i * d + k] / n;
                }
            }

            CheckAgainstCase(c, value, ("w", g));
        }

        foreach (var c in Fixtures.Loss("least_squares").Cases)
        {
            var (x, w, y) = (c.Input("X"), c.Input("w").Data, c.Input("y").Data);
            int n = x.Dim(0), d = x.Dim(1);
            double value = 0;
            var g = new double[d];
            for (int i = 0; i < n; i++)
            {
                double r = y[i] - Dot(x.Data, i * d, w);
                value += r * r / n;
                for (int k = 0; k < d; k++) g[k] -= 2 * r * x.Data[i * d + k] / n;
            }

            CheckAgainstCase(c, value, ("w", g));
        }
    }

    [Theory]
    [InlineData("l2")]
    [InlineData("l1")]
    [InlineData("elastic_net")]
    public void Regularizers_agree_with_a_plain_loop(string family)
    {
        foreach (var c in Fixtures.Loss(family).Cases)
        {
            var w = c.Input("W").Data;
            double beta = family == "elastic_net" ? c.Param("beta") : 0;
            double value = 0;
            var g = new double[w.Length];
            for (int k = 0; k < w.Length; k++)
            {
                (double v, double d) = family switch
                {
                    "l2" => (w[k] * w[k], 2 * w[k]),
                    "l1" => (Math.Abs(w[k]), Math.Sign(w[k])),
                    _ => (beta * w[k] * w[k] + Math.Abs(w[k]), 2 * beta * w[k] + Math.Sign(w[k])),
                };
                value += v;
                g[k] = d;
            }

            CheckAgainstCase(c, value, ("W", g));
        }
    }

    [Theory]
    [InlineData("linear_svm")]
    [InlineData("linear_softmax")]
    public void Linear_objectives_agree_with_a_plain_loop(string family)
    {
        foreach (var c in Fixtures.Loss(family).Cases)
        {
            var (x, w, b) = (c.Input("X"), c.Input("W"), c.Input("b").Data);
            var y = c.Input("y").AsInts();
            int n = x.Dim(0), d = x.Dim(1), k = w.Dim(1);
            double lambda = c.Param("lambda");

            var s = new double[n * k];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < k; j++)
                {
                    double acc = b[j];
                    for (int p = 0; p < d; p++) acc += x.Data[i * d + p] * w.Data[p * k + j];
                    s[i * k + j] = acc;
                }

            var (data, ds) = family == "linear_svm"
                ? Svm(s, y, n, k, c.Param("delta"), 1)
                : Softmax(s, y, n, k);

            double reg = 0;
            var dw = new double[d * k];
            var db = new double[k];
            for (int p = 0; p < d * k; p++)
            {
                reg += lambda * w.Data[p] * w.Data[p];
                dw[p] = 2 * lambda * w.Data[p];
            }

            for (int i = 0; i < n; i++)
                for (int j = 0; j < k; j++)
                {
                    db[j] += ds[i * k + j];
                    for (int p = 0; p < d; p++) dw[p * k + j] += x.Data[i * d + p] * ds[i * k + j];
                }

            CheckAgainstCase(c, data + reg, ("W", dw), ("b", db));
            if (c.Dtype == "float64")
            {
                Assert.Equal(data, c.Parts!["data_loss"], 1e-12);
                Assert.Equal(reg, c.Parts!["reg_loss"], 1e-12);
            }
        }
    }

    [Fact]
    public void At_kink_case_records_the_strict_hinge_convention()
    {
        // Row 0: s = [2, 1, 0.5, 3], y = 0; the margin for j = 1 is exactly 0 and torch gives it
        // no gradient, so only j = 3 (margin 2) is active.
        var c = Fixtures.Loss("svm").Case("at_kink");
        var g = c.Grad("s").Data;
        Assert.Equal(0.0, g[1]);
        Assert.Equal(1.0 / 3, g[3], 1e-15);
        Assert.Equal(-1.0 / 3, g[0], 1e-15);
    }

    public static IEnumerable<object[]> OptimizerNames() => Fixtures.Optimizers().Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void Optimizer_trajectories_replay_with_a_plain_loop(string name)
    {
        var t = Fixtures.Optimizer(name);
        Assert.Equal(12, t.Steps);
        Assert.Equal(7, t.P);
        Assert.Equal(t.Steps, t.Lrs.Length);
        Assert.Equal(new[] { t.Steps, t.P }, t.W.Shape);

        var w = t.W0.Data.ToArray();
        int p = t.P;
        var buf = new double[p];
        var m = new double[p];
        var v = new double[p];
        bool first = true;
        string kind = t.TorchClass.Split('.').Last();
        double wd = t.Hyper("weight_decay");

        for (int step = 0; step < t.Steps; step++)
        {
            var g = t.GradAt(step);
            double lr = t.Lrs[step];
            int n = step + 1;
            for (int k = 0; k < p; k++)
            {
                switch (kind)
                {
                    case "SGD":
                    {
                        double mu = t.Hyper("momentum");
                        double d = g[k] + wd * w[k];
                        if (mu != 0)
                        {
                            buf[k] = first ? d : mu * buf[k] + d;
                            d = t.Hyperparams["nesterov"].GetBoolean() ? d + mu * buf[k] : buf[k];
                        }

                        w[k] -= lr * d;
                        break;
                    }
                    case "Adagrad":
                        v[k] += g[k] * g[k];
                        w[k] -= lr * g[k] / (Math.Sqrt(v[k]) + t.Hyper("eps"));
                        break;
                    case "RMSprop":
                    {
                        double alpha = t.Hyper("alpha"), mu = t.Hyper("momentum");
                        v[k] = alpha * v[k] + (1 - alpha) * g[k] * g[k];
                        double avg = Math.Sqrt(v[k]) + t.Hyper("eps");
                        if (mu != 0)
                        {
                            buf[k] = mu * buf[k] + g[k] / avg;
                            w[k] -= lr * buf[k];
                        }
                        else
                        {
                            w[k] -= lr * g[k] / avg;
                        }

                        break;
                    }
                    case "Adam":
                    case "AdamW":
                    {
                        var betas = t.Hyperparams["betas"].EnumerateArray().Select(e => e.GetDouble()).ToArray();
                        double gk = g[k];
                        if (kind == "AdamW") w[k] *= 1 - lr * wd;
                        else gk += wd * w[k];
                        m[k] = betas[0] * m[k] + (1 - betas[0]) * gk;
                        v[k] = betas[1] * v[k] + (1 - betas[1]) * gk * gk;
                        double mHat = m[k] / (1 - Math.Pow(betas[0], n));
                        double vHat = v[k] / (1 - Math.Pow(betas[1], n));
                        w[k] -= lr * mHat / (Math.Sqrt(vHat) + t.Hyper("eps"));
                        break;
                    }
                    default:
                        throw new InvalidOperationException($"No replay for {t.TorchClass}.");
                }
            }

            first = false;
            AssertClose(t.WAfter(step), w, 1e-11, $"{name} step {step}");
        }

        // The final state buffers are what our loop carried along.
        var expectedState = kind switch
        {
            "SGD" => t.Hyper("momentum") != 0 ? new() { ["momentum_buffer"] = buf } : new Dictionary<string, double[]>(),
            "Adagrad" => new() { ["sum"] = v },
            "RMSprop" => t.Hyper("momentum") != 0
                ? new() { ["square_avg"] = v, ["momentum_buffer"] = buf }
                : new Dictionary<string, double[]> { ["square_avg"] = v },
            _ => new Dictionary<string, double[]> { ["exp_avg"] = m, ["exp_avg_sq"] = v },
        };
        foreach (var (key, expected) in expectedState)
        {
            AssertClose(t.StateBuffer(key), expected, 1e-11, $"{name} state {key}");
        }

        if (kind != "SGD") Assert.Equal(12, t.StateStep);
    }

    [Fact]
    public void Scheduled_learning_rates_follow_their_schedules()
    {
        var step = Fixtures.Optimizer("sgd_steplr").Lrs;
        Assert.Equal(Enumerable.Range(0, 12).Select(k => 0.1 * Math.Pow(0.5, k / 4)), step);

        // torch computes cosine annealing recursively, so compare with the closed form loosely.
        var cosine = Fixtures.Optimizer("adam_cosine").Lrs;
        for (int k = 0; k < 12; k++)
        {
            Assert.Equal(1e-3 * (1 + Math.Cos(Math.PI * k / 12)) / 2, cosine[k], 1e-17);
        }
    }

    [Fact]
    public void Digits_optimum_is_a_stationary_point_of_the_objective()
    {
        var fx = Fixtures.DigitsLbfgs();
        var pixels = fx.Data.Pixels;
        var labels = fx.Data.Labels.AsInts();
        Assert.Equal(new[] { 1797, 64 }, pixels.Shape);
        Assert.Equal(new[] { 64, 10 }, fx.W.Shape);
        Assert.Equal(new[] { 10 }, fx.B.Shape);
        Assert.True(fx.Iterations > 0);
        Assert.Equal(0.97, fx.TrainAccuracy, 0.01);
        Assert.Equal(Math.Log(10), fx.InitialLoss, 1e-14);

        var x = Array.ConvertAll(pixels.Data, p => p / 16.0);

        // At the polished optimum the gradient vanishes to rounding; recomputed here independently.
        var polished = fx.NewtonPolished;
        var (loss, gradNorm, correct) = DigitsObjective(x, labels, polished.W.Data, polished.B.Data, fx.Lambda);
        Assert.Equal(polished.Loss, loss, 1e-13);
        Assert.True(gradNorm < 1e-12, $"|grad| = {gradNorm}");
        Assert.Equal(fx.TrainCorrect, correct);

        // At the L-BFGS-B point: same loss to ~1e-15, gradient small but not at rounding level.
        var (lbfgsLoss, lbfgsGrad, lbfgsCorrect) = DigitsObjective(x, labels, fx.W.Data, fx.B.Data, fx.Lambda);
        Assert.Equal(fx.Loss, lbfgsLoss, 1e-13);
        Assert.Equal(fx.GradNorm, lbfgsGrad, 1e-12);
        Assert.Equal(fx.TrainCorrect, lbfgsCorrect);
        Assert.Equal(polished.Loss, fx.Loss, 1e-13);
    }

    [Fact]
    public void Unknown_names_are_rejected_with_the_parameter_name()
    {
        Assert.Equal("family", Assert.Throws<ArgumentException>(() => Fixtures.Loss("hinge")).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => Fixtures.Optimizer("lion")).ParamName);
        Assert.Throws<KeyNotFoundException>(() => Fixtures.Loss("svm").Case("nope"));
    }

    // ------------------------------------------------------------------------------------------
    // Plain reference loops, in double, from our definitions.

    private static (double Value, double[] Grad) Svm(double[] s, int[] y, int n, int c, double delta, int power)
    {
        double value = 0;
        var g = new double[n * c];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < c; j++)
            {
                if (j == y[i]) continue;
                double m = s[i * c + j] - s[i * c + y[i]] + delta;
                if (m <= 0) continue; // strict hinge, as torch
                value += (power == 1 ? m : m * m) / n;
                double d = (power == 1 ? 1 : 2 * m) / n;
                g[i * c + j] += d;
                g[i * c + y[i]] -= d;
            }
        }

        return (value, g);
    }

    private static (double Value, double[] Grad) Softmax(double[] s, int[] y, int n, int c)
    {
        double value = 0;
        var g = new double[n * c];
        for (int i = 0; i < n; i++)
        {
            double max = double.NegativeInfinity;
            for (int j = 0; j < c; j++) max = Math.Max(max, s[i * c + j]);
            double z = 0;
            for (int j = 0; j < c; j++) z += Math.Exp(s[i * c + j] - max);
            value += (Math.Log(z) - (s[i * c + y[i]] - max)) / n;
            for (int j = 0; j < c; j++) g[i * c + j] = Math.Exp(s[i * c + j] - max) / z / n;
            g[i * c + y[i]] -= 1.0 / n;
        }

        return (value, g);
    }

    private static (double Loss, double GradNorm, int Correct) DigitsObjective(
        double[] x, int[] y, double[] w, double[] b, double lambda)
    {
        const int d = 64, c = 10;
        int n = y.Length;
        var s = new double[n * c];
        int correct = 0;
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            for (int j = 0; j < c; j++)
            {
                double acc = b[j];
                for (int p = 0; p < d; p++) acc += x[i * d + p] * w[p * c + j];
                s[i * c + j] = acc;
                if (acc > s[i * c + best]) best = j;
            }

            if (best == y[i]) correct++;
        }

        var (data, ds) = Softmax(s, y, n, c);
        double reg = 0;
        var gw = new double[d * c];
        var gb = new double[c];
        for (int p = 0; p < d * c; p++)
        {
            reg += lambda * w[p] * w[p];
            gw[p] = 2 * lambda * w[p];
        }

        for (int i = 0; i < n; i++)
            for (int j = 0; j < c; j++)
            {
                gb[j] += ds[i * c + j];
                for (int p = 0; p < d; p++) gw[p * c + j] += x[i * d + p] * ds[i * c + j];
            }

        double norm = Math.Sqrt(gw.Concat(gb).Sum(v => v * v));
        return (data + reg, norm, correct);
    }

    private static double Dot(double[] x, int offset, double[] w)
    {
        double acc = 0;
        for (int k = 0; k < w.Length; k++) acc += x[offset + k] * w[k];
        return acc;
    }

    /// <summary>
    /// float64 cases: our loop must match torch to ~1e-12 relative. float32 cases: our double
    /// loop on the float32 inputs must match torch's float64 answer on those inputs tightly, and
    /// torch's float32 answer within float32 rounding.
    /// </summary>
    private static void CheckAgainstCase(LossCase c, double value, params (string Name, double[] Grad)[] grads)
    {
        if (c.Dtype == "float64")
        {
            AssertRel(c.Value, value, Tight, $"{c} value");
            foreach (var (name, g) in grads) AssertClose(c.Grad(name).Data, g, Tight, $"{c} d{name}");
            return;
        }

        var r = c.Float64Reference!;
        AssertRel(r.Value, value, Tight, $"{c} float64 reference value");
        foreach (var (name, g) in grads) AssertClose(r.Grads[name].Data, g, Tight, $"{c} float64 reference d{name}");
        AssertRel(c.Value, value, 1e-5, $"{c} float32 value");
        foreach (var (name, g) in grads) AssertClose(c.Grad(name).Data, g, 1e-5, $"{c} float32 d{name}");
    }

    private static void AssertRel(double expected, double actual, double tol, string what)
    {
        double scale = Math.Max(1.0, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tol * scale, $"{what}: expected {expected:R}, got {actual:R}");
    }

    private static void AssertClose(double[] expected, double[] actual, double tol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(1.0, expected.Max(Math.Abs));
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.True(Math.Abs(expected[k] - actual[k]) <= tol * scale,
                $"{what}[{k}]: expected {expected[k]:R}, got {actual[k]:R}");
        }
    }
}
