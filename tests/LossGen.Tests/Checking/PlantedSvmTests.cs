using System;
using System.Linq;
using System.Numerics;
using LossGen.Checking;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Checking;

/// <summary>
/// The checker against bugs planted in the gradient code of a test declaration: a hand-written
/// multiclass SVM whose label term has the wrong sign, whose mean lost its 1/N, or whose label
/// term lands in the next row. The point has a margin exactly on its kink (row 0), so the check
/// must catch the bugs while passing the correct subgradient there. The expected failures are
/// worked out by hand from the scores below.
/// </summary>
public class PlantedSvmTests
{
    // Row 0 (y = 0): margins 0 (on the kink), −2, −0.5: no violation.
    // Row 1 (y = 2): margins 0.8, 1.4 (classes 0, 1), −0.7: ds[1, 2] = −2/3.
    // Row 2 (y = 3): margins 1.6, 0.1, 0.8: ds[2, 3] = −1.
    private static readonly double[] Scores = { 2, 1, -1, 0.5, 0.3, 0.9, 0.5, -1.2, 1.0, -0.5, 0.2, 0.4 };
    private static readonly int[] Labels = { 0, 2, 3 };
    private static readonly ParameterLayout Layout = ParameterLayout.Single("s", 3, 4);

    private static GradCheckReport Check(SvmBug bug) =>
        GradCheck.Check(new PlantedSvm<double>(3, 4, Labels, bug), Scores, Layout);

    private static string[] FailedCoordinates(GradCheckReport report) =>
        report.Failures.Select(f => f.Coordinate.ToString()).OrderBy(c => c, StringComparer.Ordinal).ToArray();

    [Fact]
    public void The_correct_gradient_passes_with_a_margin_on_its_kink()
    {
        var report = Check(SvmBug.None);
        report.Passed.ShouldBeTrue(report.ToString());
        report.AtKinkCount.ShouldBeGreaterThanOrEqualTo(2, report.ToString()); // s[0, 0] and s[0, 1]
    }

    [Fact]
    public void A_sign_flip_of_the_label_term_fails_at_the_label_of_each_violating_row()
    {
        var report = Check(SvmBug.LabelTermSignFlipped);
        FailedCoordinates(report).ShouldBe(new[] { "s[1, 2]", "s[2, 3]" }, report.ToString());
        report.Find("s[1, 2]")!.Analytic.ShouldBe(2.0 / 3, 1e-12);
        report.Find("s[1, 2]")!.Numeric.ShouldBe(-2.0 / 3, 1e-6);
    }

    [Fact]
    public void A_missing_one_over_n_fails_wherever_the_gradient_is_not_zero()
    {
        var report = Check(SvmBug.MeanFactorMissing);
        FailedCoordinates(report).ShouldBe(new[] { "s[1, 0]", "s[1, 1]", "s[1, 2]", "s[2, 0]", "s[2, 1]", "s[2, 2]", "s[2, 3]" }, report.ToString());
        foreach (var f in report.Failures) (f.Analytic / f.Numeric).ShouldBe(3, 1e-5);
    }

    [Fact]
    public void A_label_term_written_to_the_next_row_fails_where_it_is_missing_and_where_it_lands()
    {
        // Row 1's −2/3 lands on s[2, 2]; row 2's −1 lands on s[0, 3].
        var report = Check(SvmBug.LabelTermInNextRow);
        FailedCoordinates(report).ShouldBe(new[] { "s[0, 3]", "s[1, 2]", "s[2, 2]", "s[2, 3]" }, report.ToString());
    }

    [Fact]
    public void The_bugs_are_caught_in_float_too()
    {
        var x = Scores.Select(v => (float)v).ToArray();
        GradCheck.Check(new PlantedSvm<float>(3, 4, Labels, SvmBug.None), x, Layout).Passed.ShouldBeTrue();
        foreach (var bug in new[] { SvmBug.LabelTermSignFlipped, SvmBug.MeanFactorMissing, SvmBug.LabelTermInNextRow })
            GradCheck.Check(new PlantedSvm<float>(3, 4, Labels, bug), x, Layout).Passed.ShouldBeFalse(bug.ToString());
    }
}

internal enum SvmBug { None, LabelTermSignFlipped, MeanFactorMissing, LabelTermInNextRow }

/// <summary>
/// L = (1/N) Σ_i Σ_{j≠y_i} max(0, s_ij − s_iy + 1), written by hand like <see cref="MulticlassSvm{T}"/>,
/// with one of three typical bugs planted in its gradient code (the value is always right).
/// </summary>
internal readonly struct PlantedSvm<T>(int rows, int classes, int[] labels, SvmBug bug) : IGradientFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Value(ReadOnlySpan<T> s) => Compute(s, Span<T>.Empty);

    public T ValueAndGradient(ReadOnlySpan<T> s, Span<T> gradient) => Compute(s, gradient);

    private T Compute(ReadOnlySpan<T> s, Span<T> gradient)
    {
        T n = T.CreateTruncating(rows);
        if (!gradient.IsEmpty) gradient.Clear();
        T total = T.Zero;
        for (int i = 0; i < rows; i++)
        {
            int y = labels[i];
            for (int j = 0; j < classes; j++)
            {
                if (j == y) continue;
                T margin = s[i * classes + j] - s[i * classes + y] + T.One;
                if (!(margin > T.Zero)) continue;
                total += margin;
                if (gradient.IsEmpty) continue;
                T slope = bug == SvmBug.MeanFactorMissing ? T.One : T.One / n;
                gradient[i * classes + j] += slope;
                int labelRow = bug == SvmBug.LabelTermInNextRow ? (i + 1) % rows : i;
                if (bug == SvmBug.LabelTermSignFlipped) gradient[labelRow * classes + y] += slope;
                else gradient[labelRow * classes + y] -= slope;
            }
        }
        return total / n;
    }
}
