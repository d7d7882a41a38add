using System;
using System.Linq;
using LossGen.Builtins;
using Xunit;

namespace LossGen.Tests.Optimizers;

/// <summary>
/// The vector loop and its masked tail compute what the rule says for every element, for sizes
/// that are not multiples of any vector width: the whole array in one call is bit-identical to
/// one call per element (each element then goes through the masked tail alone), and equals a
/// plain scalar loop of the formula.
/// </summary>
public class LaneTests
{
    private static float[] Random(int n, int seed, float scale)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1) * scale).ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    [InlineData(1000)]
    public void Float_adam_over_the_whole_array_equals_one_element_at_a_time(int p)
    {
        var w = Random(p, 1, 1);
        var single = w.ToArray();
        float[] m = new float[p], v = new float[p], m1 = new float[p], v1 = new float[p];
        for (long t = 1; t <= 3; t++)
        {
            var g = Random(p, (int)t + 10, 2);
            Adam.Step(w, g, m, v, t, 1e-2f, weightDecay: 1e-2f);
            for (var i = 0; i < p; i++)
                Adam.Step(single.AsSpan(i, 1), g.AsSpan(i, 1), m1.AsSpan(i, 1), v1.AsSpan(i, 1), t, 1e-2f, weightDecay: 1e-2f);
        }
        Assert.Equal(single, w);
        Assert.Equal(m1, m);
        Assert.Equal(v1, v);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    [InlineData(1000)]
    public void Double_adam_equals_the_scalar_formula(int p)
    {
        var w = Random(p, 2, 1).Select(x => (double)x).ToArray();
        var reference = w.ToArray();
        double[] m = new double[p], v = new double[p], mr = new double[p], vr = new double[p];
        const double lr = 1e-2, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 1e-2;
        for (long t = 1; t <= 3; t++)
        {
            var g = Random(p, (int)t + 20, 2).Select(x => (double)x).ToArray();
            Adam.Step(w, g, m, v, t, lr, b1, b2, eps, wd);
            for (var i = 0; i < p; i++)
            {
                var d = g[i] + wd * reference[i];
                mr[i] = b1 * mr[i] + (1 - b1) * d;
                vr[i] = b2 * vr[i] + (1 - b2) * d * d;
                reference[i] -= lr * (mr[i] / (1 - Math.Pow(b1, t))) / (Math.Sqrt(vr[i] / (1 - Math.Pow(b2, t))) + eps);
            }
        }
        for (var i = 0; i < p; i++)
        {
            TorchTrajectoryTests.Close(w[i], reference[i], 1e-12, $"w[{i}]");
            TorchTrajectoryTests.Close(v[i], vr[i], 1e-12, $"v[{i}]");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    [InlineData(1000)]
    public void Float_nesterov_equals_the_scalar_formula(int p)
    {
        var w = Random(p, 3, 1);
        var reference = w.ToArray();
        float[] v = new float[p], vr = new float[p];
        const float lr = 0.1f, rho = 0.9f;
        for (long t = 1; t <= 3; t++)
        {
            var g = Random(p, (int)t + 30, 1);
            Nesterov.Step(w, g, v, t, lr, rho);
            for (var i = 0; i < p; i++)
            {
                var vPrev = vr[i];
                vr[i] = rho * vr[i] - lr * g[i];
                reference[i] += -rho * vPrev + (1 + rho) * vr[i];
            }
        }
        // Hyper-parameters are combined in double before they are rounded to float lanes (1 + ρ
        // here), so the float kernel may differ from this all-float loop by a rounding or two.
        for (var i = 0; i < p; i++)
            TorchTrajectoryTests.Close(w[i], reference[i], 1e-6, $"w[{i}]");
    }

    [Fact]
    public void An_empty_array_is_a_valid_step()
    {
        Adam.Step(Span<float>.Empty, ReadOnlySpan<float>.Empty, Span<float>.Empty, Span<float>.Empty, 1);
        Adam.Step(Span<double>.Empty, ReadOnlySpan<double>.Empty, Span<double>.Empty, Span<double>.Empty, 1);
    }
}
