using System;
using LossGen.Optimization;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Optimization;

public sealed class GradientClippingTests
{
    [Fact]
    public void Clips_a_3_4_gradient_to_unit_norm_like_clip_grad_norm()
    {
        // ‖(3, 4)‖ = 5; c = 1 / (5 + 1e-6) = 0.199999960000008…
        float[] g = { 3f, 4f };
        double norm = GradientClipping.ClipByGlobalNorm(1.0, g);
        norm.ShouldBe(5.0);
        g[0].ShouldBe((float)0.599999880000024);
        g[1].ShouldBe((float)0.799999840000032);

        double[] gd = { 3.0, 4.0 };
        GradientClipping.ClipByGlobalNorm(1.0, gd).ShouldBe(5.0);
        gd[0].ShouldBe(0.599999880000024, 1e-15);
        gd[1].ShouldBe(0.799999840000032, 1e-15);
    }

    [Fact]
    public void Leaves_gradients_alone_when_the_coefficient_is_not_below_one()
    {
        double[] g = { 3.0, 4.0 };
        GradientClipping.ClipByGlobalNorm(10.0, g).ShouldBe(5.0);
        g.ShouldBe(new[] { 3.0, 4.0 });

        // maxNorm equal to the norm still clips by 5 / 5.000001, as PyTorch does.
        GradientClipping.ClipByGlobalNorm(5.0, g);
        g[0].ShouldBe(3.0 * 5.0 / 5.000001, 1e-15);

        // A zero gradient is left as it is (coefficient maxNorm / 1e-6 ≥ 1).
        float[] zero = { 0f, 0f };
        GradientClipping.ClipByGlobalNorm(1.0, zero).ShouldBe(0.0);
        zero.ShouldBe(new[] { 0f, 0f });

        // +∞ measures without clipping.
        float[] big = { 300f, 400f };
        GradientClipping.ClipByGlobalNorm(double.PositiveInfinity, big).ShouldBe(500.0);
        big.ShouldBe(new[] { 300f, 400f });
    }

    [Fact]
    public void Several_buffers_share_one_global_norm()
    {
        float[] gw = { 1f, 2f, 2f };   // norm 3
        float[] gb = { 4f };           // global norm √(9 + 16) = 5
        double norm = GradientClipping.ClipByGlobalNorm(2.5, gw, gb);
        norm.ShouldBe(5.0);
        double c = 2.5 / 5.000001;
        gw.ShouldBe(new[] { (float)(1 * c), (float)(2 * c), (float)(2 * c) });
        gb.ShouldBe(new[] { (float)(4 * c) });

        double[] dw = { 1, 2, 2 };
        double[] db = { 4 };
        var slices = new Memory<double>[] { dw.AsMemory(0, 2), dw.AsMemory(2), db };
        GradientClipping.ClipByGlobalNorm(2.5, slices).ShouldBe(5.0);
        dw[2].ShouldBe(2 * c, 1e-15);
        db[0].ShouldBe(4 * c, 1e-15);
    }

    [Fact]
    public void Huge_and_tiny_values_give_finite_correct_norms()
    {
        // Float: 1e30² = 1e60 overflows float but not the double accumulator.
        float[] f = { 1e30f, 1e30f };
        double expected = (double)1e30f * Math.Sqrt(2);
        GradientClipping.ClipByGlobalNorm(1.0, f).ShouldBe(expected, expected * 1e-15);
        f[0].ShouldBe((float)(1 / Math.Sqrt(2)), 1e-7f);
        f[1].ShouldBe(f[0]);

        float[] max = { float.MaxValue, float.MaxValue, float.MaxValue, float.MaxValue };
        GradientClipping.ClipByGlobalNorm(1.0, max).ShouldBe(2.0 * float.MaxValue, 1e25);

        // Double: 1e200² overflows double, 1e-200² underflows to 0; both must be rescaled.
        double[] huge = { 1e200, -1e200 };
        GradientClipping.ClipByGlobalNorm(1.0, huge).ShouldBe(Math.Sqrt(2) * 1e200, 1e185);
        huge[0].ShouldBe(1 / Math.Sqrt(2), 1e-15);
        huge[1].ShouldBe(-1 / Math.Sqrt(2), 1e-15);

        double[] tiny = { 3e-200, 4e-200 };
        GradientClipping.ClipByGlobalNorm(1.0, tiny).ShouldBe(5e-200, 1e-214);

        double[] a = { 1e30, 2e30 };
        double[] b = { 2e30 };
        GradientClipping.ClipByGlobalNorm(1.0, a, b).ShouldBe(3e30, 1e16);
        a[1].ShouldBe(2.0 / 3.0, 1e-15);
    }

    [Fact]
    public void Non_finite_gradients_are_reported_and_left_untouched()
    {
        float[] nan = { float.NaN, 1f };
        double.IsNaN(GradientClipping.ClipByGlobalNorm(1.0, nan)).ShouldBeTrue();
        nan[1].ShouldBe(1f);

        double[] inf = { double.PositiveInfinity, 5.0 };
        GradientClipping.ClipByGlobalNorm(1.0, inf).ShouldBe(double.PositiveInfinity);
        inf[1].ShouldBe(5.0);

        double[] ok = { 5.0 };
        double[] bad = { double.NaN };
        double.IsNaN(GradientClipping.ClipByGlobalNorm(1.0, ok, bad)).ShouldBeTrue();
        ok[0].ShouldBe(5.0);
    }

    [Fact]
    public void Matches_a_plain_double_norm_on_ordinary_values()
    {
        var rng = new Random(7);
        double[] g = new double[1000];
        double sum = 0;
        for (int i = 0; i < g.Length; i++)
        {
            g[i] = rng.NextDouble() * 2 - 1;
            sum += g[i] * g[i];
        }

        double[] copy = (double[])g.Clone();
        double norm = GradientClipping.ClipByGlobalNorm(1.0, g);
        norm.ShouldBe(Math.Sqrt(sum), 1e-12);
        double c = 1.0 / (Math.Sqrt(sum) + 1e-6);
        for (int i = 0; i < g.Length; i++)
        {
            g[i].ShouldBe(copy[i] * c, 1e-15);
        }
    }

    [Fact]
    public void Invalid_max_norm_is_rejected_by_name()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => GradientClipping.ClipByGlobalNorm(-1.0, new float[] { 1f })).ParamName.ShouldBe("maxNorm");
        Should.Throw<ArgumentOutOfRangeException>(() => GradientClipping.ClipByGlobalNorm(double.NaN, new double[] { 1 })).ParamName.ShouldBe("maxNorm");
        Should.Throw<ArgumentOutOfRangeException>(() => GradientClipping.ClipByGlobalNorm(-1.0, new float[] { 1f }, new float[] { 1f })).ParamName.ShouldBe("maxNorm");
    }
}
