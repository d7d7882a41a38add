using System;
using System.Linq;
using LossGen.Builtins;
using LossGen.Checking;
using Shouldly;
using Xunit;

namespace LossGen.Tests.GeneratedChecking;

/// <summary>
/// The checker on the generated code of the built-ins: their correct (sub)gradients pass exactly
/// at kinks and at every distance from them, with numeric kink detection and no help.
/// Scores are small integers plus offsets, so a hinge margin s_j − s_y + Δ is exactly 0 (on the
/// kink), or a chosen fraction of the finite-difference step away from it.
/// </summary>
public class BuiltinKinkTests
{
    private static readonly double H = NumericStep.For<double>(1);

    /// <summary>Offsets from a kink: on it, inside the probe step at awkward fractions, and outside.</summary>
    public static TheoryData<double> Offsets => new() { 0, H / 3, -H / 3, H / 1024, -H * 0.75, 3 * H, 1e-13 };

    /// <summary>N = 3 rows of C = 4 classes; row 0 has a margin at <paramref name="offset"/> from 0, row 1 a tie of two classes, row 2 every margin exactly 0.</summary>
    private static (double[] S, int[] Y) ScoresAtKinks(double offset) => (new[]
    {
        2.0, 1 + offset, -1, 0.5,
        0, 0, 3, 1,
        -1, -1, -1, 0,
    }, new[] { 0, 2, 3 });

    [Theory]
    [MemberData(nameof(Offsets))]
    public void Multiclass_svm(double offset)
    {
        var (s, y) = ScoresAtKinks(offset);
        var f = new DelegateGradientFunction<double>(x => MulticlassSvm.Value(x, y, 3, 4), (x, g) => MulticlassSvm.ValueAndGradient(x, y, 3, 4, g));
        Assert(GradCheck.Check(f, s, ParameterLayout.Single("s", 3, 4)), offset);
    }

    [Theory]
    [MemberData(nameof(Offsets))]
    public void Squared_hinge_svm(double offset)
    {
        var (s, y) = ScoresAtKinks(offset);
        var f = new DelegateGradientFunction<double>(x => SquaredHingeSvm.Value(x, y, 3, 4), (x, g) => SquaredHingeSvm.ValueAndGradient(x, y, 3, 4, g));
        Assert(GradCheck.Check(f, s, ParameterLayout.Single("s", 3, 4)), offset);
    }

    [Theory]
    [MemberData(nameof(Offsets))]
    public void L1(double offset)
    {
        var w = new[] { 0, offset, -offset, 1.5, 0 };
        var f = new DelegateGradientFunction<double>(x => LossGen.Builtins.L1.Value(x, 5), (x, g) => LossGen.Builtins.L1.ValueAndGradient(x, 5, g));
        Assert(GradCheck.Check(f, w, ParameterLayout.Single("w", 5)), offset);
    }

    [Theory]
    [MemberData(nameof(Offsets))]
    public void Binary_hinge_a_relu_of_the_margin(double offset)
    {
        // max(0, 1 − y·wᵀx) is a ReLU of the margin. Row 0: wᵀx = 1 + offset with y = 1 puts the
        // ReLU's argument at −offset; row 1 sits exactly on its kink; row 2 is far from it.
        var X = new double[] { 1, 0, 0, 1, 1, 1 };
        var w = new[] { 1 + offset, 0 };
        var y = new double[] { 1, 1, -1 };
        var f = new DelegateGradientFunction<double>(x => BinaryHinge.Value(X, x, y, 3, 2), (x, g) => BinaryHinge.ValueAndGradient(X, x, y, 3, 2, g));
        Assert(GradCheck.Check(f, w, ParameterLayout.Single("w", 2)), offset);
    }

    private static void Assert(GradCheckReport report, double offset)
    {
        report.Passed.ShouldBeTrue(report.ToString());
        // The point of the test: on or near a kink, the checker had to treat it as one.
        if (offset == 0 || Math.Abs(offset) < H)
            report.KinkCoordinates.ShouldNotBeEmpty(report.ToString());
    }
}
