using System;
using System.Linq;
using LossGen.Tests.Fuzzing;
using Shouldly;
using Xunit;

namespace LossGen.Tests.WholeTensor;

/// <summary>
/// The run-time side of whole-tensor expressions: symbolic and inferred dimensions are only known
/// when the kernel is called, so the generated code checks every span against them first, and a
/// wrong one is an ArgumentException naming the parameter and the dimensions — with nothing
/// written to the gradient buffers.
/// </summary>
public sealed class WholeTensorValidationTests : IClassFixture<WholeTensorValidationTests.Batch>
{
    private const string Source = """
        using LossGen;
        using static LossGen.Dsl;
        namespace Fuzz;

        [Loss]
        public partial struct Centered
        {
            // mu has no [Shape]: it takes X's, [N, D].
            static float Define([Shape("N", "D")] Tensor X, Tensor mu) => Sum(Sqr(X - mu));
            public static double Run(double[] X, double[] mu, int n, int d, double[]? dX, double[]? dmu)
                => dX is null ? Value(X, mu, n, d) : ValueAndGradient(X, mu, n, d, dX, dmu!);
        }

        [Loss]
        public partial struct Points
        {
            static float Define([Shape("N", "2")] Tensor P, [Shape("2", "1")] Tensor v) => Sum(Sqr(P - v.T));
            public static double Run(double[] P, double[] v, int n, double[]? dP, double[]? dv)
                => dP is null ? Value(P, v, n) : ValueAndGradient(P, v, n, dP, dv!);
        }
        """;

    public sealed class Batch : IDisposable
    {
        internal CompiledBatch Compiled { get; } = CompiledBatch.Compile(Source, load: true);

        public void Dispose() => Compiled.Dispose();
    }

    private delegate double RunCentered(double[] X, double[] mu, int n, int d, double[]? dX, double[]? dmu);
    private delegate double RunPoints(double[] P, double[] v, int n, double[]? dP, double[]? dv);

    private readonly RunCentered centered;
    private readonly RunPoints points;

    public WholeTensorValidationTests(Batch fixture)
    {
        fixture.Compiled.CompileErrors.ShouldBeEmpty();
        centered = fixture.Compiled.TypeOf("Centered").GetMethod("Run")!.CreateDelegate<RunCentered>();
        points = fixture.Compiled.TypeOf("Points").GetMethod("Run")!.CreateDelegate<RunPoints>();
    }

    private static double[] Ramp(int count, double scale) => Enumerable.Range(0, count).Select(k => scale * (k + 1)).ToArray();

    [Fact]
    public void An_inferred_shape_is_the_partners_and_is_used_elementwise()
    {
        var x = Ramp(12, 0.5);
        var mu = Ramp(12, 0.25);
        var expected = x.Zip(mu).Sum(p => (p.First - p.Second) * (p.First - p.Second));

        centered(x, mu, 3, 4, null, null).ShouldBe(expected, 1e-12 * expected);
    }

    [Fact]
    public void A_span_shorter_than_the_inferred_shape_throws_naming_it_and_its_origin_before_writing()
    {
        var dX = Enumerable.Repeat(double.NaN, 12).ToArray();
        var dmu = Enumerable.Repeat(double.NaN, 4).ToArray();

        // The user meant mu to be one row (D,), broadcast over N; without [Shape] it is [N, D].
        var e = Should.Throw<ArgumentException>(() => centered(Ramp(12, 1), Ramp(4, 1), 3, 4, dX, dmu));

        e.ParamName.ShouldBe("mu");
        e.Message.ShouldStartWith("'mu' has length 4, but its shape [N, D] (it has no [Shape] and takes that of 'X - mu'; declare one with 1s to broadcast it) = [3, 4] needs 12 elements.");
        dX.ShouldAllBe(v => double.IsNaN(v));
        dmu.ShouldAllBe(v => double.IsNaN(v));
    }

    [Fact]
    public void A_fixed_size_axis_is_part_of_the_checked_shape()
    {
        var dP = Enumerable.Repeat(double.NaN, 7).ToArray();

        var e = Should.Throw<ArgumentException>(() => points(Ramp(7, 1), Ramp(2, 1), 3, dP, new double[2]));

        e.ParamName.ShouldBe("P");
        e.Message.ShouldStartWith("'P' has length 7, but its shape [N, 2] = [3, 2] needs 6 elements.");
        dP.ShouldAllBe(v => double.IsNaN(v));
    }

    [Fact]
    public void A_gradient_buffer_of_the_wrong_shape_throws_naming_it()
    {
        var e = Should.Throw<ArgumentException>(() => points(Ramp(6, 1), Ramp(2, 1), 3, new double[6], new double[1]));

        e.ParamName.ShouldBe("dv");
        e.Message.ShouldStartWith("'dv' has length 1, but its shape [2, 1] = [2, 1] needs 2 elements.");
    }

    [Fact]
    public void A_negative_dimension_throws_naming_it()
    {
        var e = Should.Throw<ArgumentException>(() => points([], Ramp(2, 1), -1, null, null));

        e.ParamName.ShouldBe("n");
        e.Message.ShouldStartWith("Dimension N must not be negative, but n = -1.");
    }
}
