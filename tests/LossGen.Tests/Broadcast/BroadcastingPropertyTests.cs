using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using LossGen.Compiler.Shapes;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Broadcast;

// Broadcasting checked against two independent references: numpy.broadcast_shapes (a fixture
// written by tests/fixtures-scripts/make_broadcast.py) and a plain transcription of the rule
// here, the latter driven by FsCheck over many more shapes than the fixture holds.
public class BroadcastingPropertyTests
{
    private static SymbolicShape Known(int[] dims) => SymbolicShape.Of(dims.Select(d => Dim.Known(d)));

    // The rule as the seed states it, over plain integers, written without looking at the
    // compiler's version: pad with leading ones, then per position equal / one is 1 / clash.
    private static int[]? Reference(int[] a, int[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var pa = Enumerable.Repeat(1, rank - a.Length).Concat(a).ToArray();
        var pb = Enumerable.Repeat(1, rank - b.Length).Concat(b).ToArray();
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            if (pa[i] == pb[i] || pb[i] == 1)
                result[i] = pa[i];
            else if (pa[i] == 1)
                result[i] = pb[i];
            else
                return null;
        }

        return result;
    }

    private static readonly Gen<int[]> KnownShapes =
        Gen.Choose(0, 4).SelectMany(rank => Gen.ArrayOf(Gen.Elements(0, 1, 1, 2, 3), rank));

    // Mixed shapes: a few symbols among small sizes, so same-name, different-name and
    // symbol-vs-1 pairs all come up.
    private static readonly Gen<Dim[]> MixedShapes =
        Gen.Choose(0, 4).SelectMany(rank => Gen.ArrayOf(
            Gen.Elements<Dim>(Dim.Known(1), Dim.Known(1), Dim.Known(2), Dim.Known(3), Dim.Symbol("N"), Dim.Symbol("D")), rank));

    private static Arbitrary<(T, T)> Pairs<T>(Gen<T> gen) => Arb.From(Gen.Zip(gen, gen, (a, b) => (a, b)));

    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(1000);

    [Fact]
    public void KnownSizes_AgreeWithTheReference() =>
        Prop.ForAll(Pairs(KnownShapes), p =>
        {
            var expected = Reference(p.Item1, p.Item2);
            var actual = Broadcasting.Combine(Known(p.Item1), Known(p.Item2));
            return expected is null
                ? actual.IsError && actual.Error!.Kind == ShapeErrorKind.Broadcast
                : actual.Shape == Known(expected);
        }).Check(Many);

    [Fact]
    public void Combine_IsCommutative() =>
        Prop.ForAll(Pairs(MixedShapes), p =>
        {
            var ab = Broadcasting.Combine(SymbolicShape.Of(p.Item1), SymbolicShape.Of(p.Item2));
            var ba = Broadcasting.Combine(SymbolicShape.Of(p.Item2), SymbolicShape.Of(p.Item1));
            return ab.IsError == ba.IsError && ab.Shape == ba.Shape;
        }).Check(Many);

    [Fact]
    public void Scalar_IsTheIdentity() =>
        Prop.ForAll(Arb.From(MixedShapes), dims =>
        {
            var s = SymbolicShape.Of(dims);
            return Broadcasting.Combine(SymbolicShape.Scalar, s).Shape == s
                && Broadcasting.Combine(s, SymbolicShape.Scalar).Shape == s;
        }).Check(Many);

    [Fact]
    public void Result_AbsorbsEachOperand() =>
        // The broadcast shape is a fixed point: broadcasting it again with either operand
        // changes nothing, which is what lets a fused loop index every operand by the result.
        Prop.ForAll(Pairs(MixedShapes), p =>
        {
            var a = SymbolicShape.Of(p.Item1);
            var b = SymbolicShape.Of(p.Item2);
            var r = Broadcasting.Combine(a, b);
            return r.IsError
                || (Broadcasting.Combine(r.Shape!, a).Shape == r.Shape && Broadcasting.Combine(r.Shape!, b).Shape == r.Shape);
        }).Check(Many);

    [Fact]
    public void Error_PointsAtAClashingDimension() =>
        Prop.ForAll(Pairs(MixedShapes), p =>
        {
            var r = Broadcasting.Combine(SymbolicShape.Of(p.Item1), SymbolicShape.Of(p.Item2));
            if (!r.IsError)
                return true;
            var e = r.Error!;
            var rank = Math.Max(e.Left.Rank, e.Right!.Rank);
            var a = e.Left[e.Axis - (rank - e.Left.Rank)];
            var b = e.Right[e.Axis - (rank - e.Right.Rank)];
            return a != b && !a.IsOne && !b.IsOne && e.Message.Contains($"dimension {e.Axis} is {a} on the left and {b} on the right");
        }).Check(Many);

    private sealed class NumpyCase
    {
        public int[][] Shapes { get; set; } = [];

        public int[]? Result { get; set; }
    }

    private sealed class NumpyFixture
    {
        public NumpyCase[] Cases { get; set; } = [];
    }

    private static NumpyCase[] NumpyCases()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "broadcast.json");
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        return JsonSerializer.Deserialize<NumpyFixture>(File.ReadAllText(path), options)!.Cases;
    }

    [Fact]
    public void KnownSizes_AgreeWithNumpy()
    {
        var cases = NumpyCases();
        cases.Length.ShouldBe(200);
        // Both outcomes must be well represented, or the fixture proves little.
        cases.Count(c => c.Result is null).ShouldBeGreaterThan(40);
        cases.Count(c => c.Result is not null).ShouldBeGreaterThan(40);

        foreach (var c in cases)
        {
            var actual = Broadcasting.Combine(c.Shapes.Select(Known));
            var label = string.Join(" + ", c.Shapes.Select(s => Known(s).ToString()));
            if (c.Result is null)
                actual.IsError.ShouldBeTrue(label + " should not broadcast, numpy says");
            else
                actual.Shape.ShouldBe(Known(c.Result), label);
        }
    }

    [Fact]
    public void TheTestReference_AgreesWithNumpy()
    {
        // Keeps the FsCheck reference honest: it must say what numpy says on the fixture pairs.
        foreach (var c in NumpyCases().Where(c => c.Shapes.Length == 2))
        {
            var expected = Reference(c.Shapes[0], c.Shapes[1]);
            if (c.Result is null)
                expected.ShouldBeNull();
            else
                expected.ShouldBe(c.Result);
        }
    }
}
