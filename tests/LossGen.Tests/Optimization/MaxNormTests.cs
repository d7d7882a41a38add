using System;
using LossGen.Optimization;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Optimization;

public sealed class MaxNormTests
{
    [Fact]
    public void Rows_are_projected_onto_the_ball_and_short_rows_are_untouched()
    {
        double[] w =
        {
            3, 4, 0,        // norm 5 → (0.6, 0.8, 0)
            0.3, 0.4, 0,    // norm 0.5, inside
        };
        MaxNorm.Project(w, rows: 2, cols: 3, maxNorm: 1, MaxNormAxis.Rows).ShouldBe(1);
        w.ShouldBe(new[] { 0.6, 0.8, 0, 0.3, 0.4, 0 }, 1e-15);
    }

    [Fact]
    public void Columns_are_each_units_incoming_weights_for_scores_XW()
    {
        // W is D × C = 3 × 2; unit j's incoming weights are column j (scores_j = Σ_k x_k W[k, j]).
        float[] w =
        {
            3f, 0.1f,
            4f, 0.2f,
            0f, 0.2f,
        };
        MaxNorm.Project(w, rows: 3, cols: 2, maxNorm: 1, MaxNormAxis.Columns).ShouldBe(1);
        w.ShouldBe(new[] { 0.6f, 0.1f, 0.8f, 0.2f, 0f, 0.2f }, 1e-7);

        // The same matrix constrained by rows gives a different answer: row 1 is (4, 0.2).
        float[] byRows = { 3f, 0.1f, 4f, 0.2f, 0f, 0.2f };
        MaxNorm.Project(byRows, 3, 2, 1, MaxNormAxis.Rows).ShouldBe(2);
        byRows[4].ShouldBe(0f);
        byRows[5].ShouldBe(0.2f);
    }

    [Fact]
    public void Every_column_ends_within_the_ball()
    {
        var rng = new Random(3);
        const int d = 64, c = 10;
        double[] w = new double[d * c];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = rng.NextDouble() * 2 - 1;
        }

        double[] before = (double[])w.Clone();
        MaxNorm.Project(w, d, c, 2.0, MaxNormAxis.Columns);
        for (int j = 0; j < c; j++)
        {
            double sumBefore = 0, sumAfter = 0;
            for (int k = 0; k < d; k++)
            {
                sumBefore += before[k * c + j] * before[k * c + j];
                sumAfter += w[k * c + j] * w[k * c + j];
            }

            if (Math.Sqrt(sumBefore) > 2.0)
            {
                Math.Sqrt(sumAfter).ShouldBe(2.0, 1e-14);
            }
            else
            {
                Math.Sqrt(sumAfter).ShouldBe(Math.Sqrt(sumBefore));
            }
        }
    }

    [Fact]
    public void Huge_values_do_not_overflow()
    {
        float[] f = { 1e30f, 1e30f, 3e38f, 3e38f };
        MaxNorm.Project(f, 2, 2, 1.0, MaxNormAxis.Rows).ShouldBe(2);
        f[0].ShouldBe((float)(1 / Math.Sqrt(2)), 1e-7f);
        f[2].ShouldBe((float)(1 / Math.Sqrt(2)), 1e-7f);

        double[] d = { 1e300, 1e300, 1e-300, 1e-300 };
        MaxNorm.Project(d, 2, 2, 1.0, MaxNormAxis.Columns).ShouldBe(2);
        d[0].ShouldBe(1.0, 1e-15);      // column 0 is (1e300, 1e-300)
        d[2].ShouldBe(0.0, 1e-15);
        d[1].ShouldBe(1.0, 1e-15);
    }

    [Fact]
    public void Invalid_arguments_name_the_parameter_and_dimensions()
    {
        var e = Should.Throw<ArgumentException>(() => MaxNorm.Project(new double[5], 2, 3, 1, MaxNormAxis.Rows));
        e.ParamName.ShouldBe("weights");
        e.Message.ShouldContain("2 × 3 = 6");
        e.Message.ShouldContain("5 elements");

        Should.Throw<ArgumentOutOfRangeException>(() => MaxNorm.Project(new float[0], 0, 3, 1, MaxNormAxis.Rows)).ParamName.ShouldBe("rows");
        Should.Throw<ArgumentOutOfRangeException>(() => MaxNorm.Project(new float[0], 3, 0, 1, MaxNormAxis.Rows)).ParamName.ShouldBe("cols");
        Should.Throw<ArgumentOutOfRangeException>(() => MaxNorm.Project(new double[6], 2, 3, 0, MaxNormAxis.Rows)).ParamName.ShouldBe("maxNorm");
        Should.Throw<ArgumentOutOfRangeException>(() => MaxNorm.Project(new double[6], 2, 3, double.PositiveInfinity, MaxNormAxis.Rows)).ParamName.ShouldBe("maxNorm");
        Should.Throw<ArgumentOutOfRangeException>(() => MaxNorm.Project(new double[6], 2, 3, 1, (MaxNormAxis)7)).ParamName.ShouldBe("axis");
        Should.Throw<ArgumentException>(() => MaxNorm.Project(new double[] { 1, 2 }, 46341, 46341, 1, MaxNormAxis.Rows)).ParamName.ShouldBe("weights");

        // A non-finite entry is rejected before anything is modified.
        double[] w = { 30, 40, double.NaN, 1 };
        Should.Throw<ArgumentException>(() => MaxNorm.Project(w, 2, 2, 1, MaxNormAxis.Rows)).ParamName.ShouldBe("weights");
        w[0].ShouldBe(30);
        float[] wf = { 30f, float.PositiveInfinity };
        Should.Throw<ArgumentException>(() => MaxNorm.Project(wf, 1, 2, 1, MaxNormAxis.Columns)).ParamName.ShouldBe("weights");
    }
}
