using LossGen.Compiler.Shapes;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Broadcast;

// The seed's broadcasting examples (issue 4, part 2), asserted exactly, plus the other shape
// operations the whole-tensor DSL needs. Property and numpy-oracle tests are in
// BroadcastingPropertyTests.
public class BroadcastingTests
{
    private static SymbolicShape S(params Dim[] dims) => SymbolicShape.Of(dims);

    private static void ShouldBeShape(ShapeResult result, SymbolicShape expected)
    {
        result.Error.ShouldBeNull();
        result.Shape.ShouldBe(expected);
    }

    private static ShapeError ShouldBeError(ShapeResult result, ShapeErrorKind kind)
    {
        result.Shape.ShouldBeNull();
        result.Error.ShouldNotBeNull();
        result.Error!.Kind.ShouldBe(kind);
        return result.Error;
    }

    [Fact]
    public void Seed_RowVectorAlongLastAxis() =>
        ShouldBeShape(Broadcasting.Combine(S(10, 20), S(20)), S(10, 20));

    [Fact]
    public void Seed_ColumnWithKeptAxis() =>
        ShouldBeShape(Broadcasting.Combine(S(10, 20), S(10, 1)), S(10, 20));

    [Fact]
    public void Seed_VectorAlignedWithTheWrongAxis_IsAnErrorNamingShapesAndDimension()
    {
        var error = ShouldBeError(Broadcasting.Combine(S(10, 20), S(10)), ShapeErrorKind.Broadcast);
        error.Message.ShouldBe("cannot broadcast (10, 20) with (10,): dimension 1 is 20 on the left and 10 on the right");
        error.Axis.ShouldBe(1);
        error.Left.ShouldBe(S(10, 20));
        error.Right.ShouldBe(S(10));
    }

    [Fact]
    public void Seed_OnesStretchOnBothSides() =>
        ShouldBeShape(Broadcasting.Combine(S(1, 20), S(10, 1)), S(10, 20));

    [Fact]
    public void Seed_ThreeOperandsOfDifferentRanks() =>
        ShouldBeShape(Broadcasting.Combine(new[] { S(30), S(20, 1), S(10, 1, 1) }), S(10, 20, 30));

    [Fact]
    public void Seed_PointsMinusColumnVector_IsAnError()
    {
        var error = ShouldBeError(Broadcasting.Combine(S("N", 2), S(2, 1)), ShapeErrorKind.Broadcast);
        error.Message.ShouldBe("cannot broadcast (N, 2) with (2, 1): dimension 0 is N on the left and 2 on the right");
        error.Axis.ShouldBe(0);
    }

    [Fact]
    public void Seed_PointsMinusTransposedVector() =>
        ShouldBeShape(Broadcasting.Combine(S("N", 2), Broadcasting.Transpose(S(2, 1))), S("N", 2));

    [Fact]
    public void Seed_PairwiseSquaredDistances()
    {
        // Sum(X², axis 1, keepDims) + Sum(Y², axis 1, keepDims)ᵀ − 2·X·Yᵀ; squaring is elementwise,
        // so X² has X's shape, and the constant 2 is a scalar.
        var x = S("N", "D");
        var y = S("M", "D");
        var xx = Broadcasting.ReduceAxis(x, 1, keepDims: true);
        var yy = Broadcasting.Transpose(Broadcasting.ReduceAxis(y, 1, keepDims: true));
        var cross = Broadcasting.Combine(SymbolicShape.Scalar, Broadcasting.MatMul(x, Broadcasting.Transpose(y)));

        ShouldBeShape(xx, S("N", 1));
        ShouldBeShape(yy, S(1, "M"));
        ShouldBeShape(Broadcasting.Combine(Broadcasting.Combine(xx, yy), cross), S("N", "M"));
    }

    [Fact]
    public void Seed_PairwiseWithoutKeepDims_IsAnError()
    {
        // The mistake the keepDims in the seed avoids: (N,) + (M,) does not make an N×M table.
        var xx = Broadcasting.ReduceAxis(S("N", "D"), 1, keepDims: false);
        var yy = Broadcasting.ReduceAxis(S("M", "D"), 1, keepDims: false);
        ShouldBeError(Broadcasting.Combine(xx, yy), ShapeErrorKind.Broadcast)
            .Message.ShouldBe("cannot broadcast (N,) with (M,): dimension 0 is N on the left and M on the right");
    }

    [Fact]
    public void Seed_DifferentSymbols_AreAnErrorUnlessKnownEqual()
    {
        ShouldBeError(Broadcasting.Combine(S("N", "D"), S("N")), ShapeErrorKind.Broadcast)
            .Message.ShouldBe("cannot broadcast (N, D) with (N,): dimension 1 is D on the left and N on the right");

        var known = new DimEqualities(("N", "D"));
        ShouldBeShape(Broadcasting.Combine(S("N", "D"), S("N"), known), S("N", "D"));
    }

    [Fact]
    public void KnownEqualities_AreTransitive()
    {
        var known = new DimEqualities(("N", "K"), ("K", "D"));
        ShouldBeShape(Broadcasting.Combine(S("N", "D"), S("N"), known), S("N", "D"));
    }

    [Fact]
    public void Symbol_BroadcastsAgainstOne()
    {
        ShouldBeShape(Broadcasting.Combine(S("N", 1), S(1, "D")), S("N", "D"));
        ShouldBeShape(Broadcasting.Combine(S("N"), S(3, 1)), S(3, "N"));
    }

    [Fact]
    public void Symbol_AgainstKnownSize_IsAnErrorUnlessKnownEqual()
    {
        ShouldBeError(Broadcasting.Combine(S("N"), S(10)), ShapeErrorKind.Broadcast)
            .Message.ShouldBe("cannot broadcast (N,) with (10,): dimension 0 is N on the left and 10 on the right");

        // When the symbol is known to be 10, the result keeps the more concrete size.
        ShouldBeShape(Broadcasting.Combine(S("N"), S(10), new DimEqualities(("N", 10))), S(10));
    }

    [Fact]
    public void SameSymbol_IsCompatible() =>
        ShouldBeShape(Broadcasting.Combine(S("B", "N", "D"), S("N", "D")), S("B", "N", "D"));

    [Fact]
    public void Scalar_IsTheIdentity()
    {
        ShouldBeShape(Broadcasting.Combine(SymbolicShape.Scalar, S("N", 3)), S("N", 3));
        ShouldBeShape(Broadcasting.Combine(S("N", 3), SymbolicShape.Scalar), S("N", 3));
        ShouldBeShape(Broadcasting.Combine(new SymbolicShape[0]), SymbolicShape.Scalar);
    }

    [Fact]
    public void CombineSeveral_ReportsTheFirstClash()
    {
        var error = ShouldBeError(Broadcasting.Combine(new[] { S(3), S(4, 1), S(5, 1, 1), S(2) }), ShapeErrorKind.Broadcast);
        // The fold has already produced (5, 4, 3) when it meets (2,).
        error.Message.ShouldBe("cannot broadcast (5, 4, 3) with (2,): dimension 2 is 3 on the left and 2 on the right");
    }

    [Fact]
    public void Combine_PropagatesAnOperandError()
    {
        var bad = Broadcasting.ReduceAxis(S(3), 4, keepDims: false);
        Broadcasting.Combine(bad, S(3)).Error.ShouldBe(bad.Error);
        Broadcasting.MatMul(S(2, 2), bad).Error.ShouldBe(bad.Error);
        Broadcasting.Transpose(bad).Error.ShouldBe(bad.Error);
    }

    [Fact]
    public void ToString_PrintsLikeNumpy()
    {
        S(10, 20).ToString().ShouldBe("(10, 20)");
        S("N", "D").ToString().ShouldBe("(N, D)");
        S(10).ToString().ShouldBe("(10,)");
        SymbolicShape.Scalar.ToString().ShouldBe("()");
        ((ShapeResult)S("N", 1)).ToString().ShouldBe("(N, 1)");
    }

    [Fact]
    public void Shapes_HaveValueEquality()
    {
        S("N", 3).ShouldBe(S("N", 3));
        S("N", 3).GetHashCode().ShouldBe(S("N", 3).GetHashCode());
        S("N", 3).ShouldNotBe(S(3, "N"));
        S(1).ShouldNotBe(S("1"));
    }

    [Fact]
    public void Transpose_ReversesDimensions()
    {
        Broadcasting.Transpose(S("N", "D")).ShouldBe(S("D", "N"));
        Broadcasting.Transpose(S(2, 3, 4)).ShouldBe(S(4, 3, 2));
        Broadcasting.Transpose(S("N")).ShouldBe(S("N"));
        Broadcasting.Transpose(SymbolicShape.Scalar).ShouldBe(SymbolicShape.Scalar);
    }

    [Theory]
    [InlineData(0, false, "(D, K)")]
    [InlineData(1, false, "(N, K)")]
    [InlineData(2, false, "(N, D)")]
    [InlineData(-1, false, "(N, D)")]
    [InlineData(-3, false, "(D, K)")]
    [InlineData(1, true, "(N, 1, K)")]
    [InlineData(-1, true, "(N, D, 1)")]
    public void ReduceAxis_DropsOrKeepsTheAxis(int axis, bool keepDims, string expected) =>
        Broadcasting.ReduceAxis(S("N", "D", "K"), axis, keepDims).ToString().ShouldBe(expected);

    [Theory]
    [InlineData(2, "cannot reduce (N, D) along axis 2: it has 2 dimensions")]
    [InlineData(-3, "cannot reduce (N, D) along axis -3: it has 2 dimensions")]
    public void ReduceAxis_OutOfRange_IsAnError(int axis, string message)
    {
        var error = ShouldBeError(Broadcasting.ReduceAxis(S("N", "D"), axis, keepDims: true), ShapeErrorKind.AxisOutOfRange);
        error.Message.ShouldBe(message);
        error.Axis.ShouldBe(axis);
        error.Right.ShouldBeNull();
    }

    [Fact]
    public void ReduceAxis_OfAScalar_IsAnError() =>
        ShouldBeError(Broadcasting.ReduceAxis(SymbolicShape.Scalar, 0, keepDims: false), ShapeErrorKind.AxisOutOfRange)
            .Message.ShouldBe("cannot reduce () along axis 0: it has 0 dimensions");

    [Fact]
    public void MatMul_InnerDimensionsMeet() =>
        ShouldBeShape(Broadcasting.MatMul(S("N", "D"), S("D", "M")), S("N", "M"));

    [Fact]
    public void MatMul_InnerMismatch_IsAnError()
    {
        var error = ShouldBeError(Broadcasting.MatMul(S("N", "D"), S("M", "D")), ShapeErrorKind.MatMulInner);
        error.Message.ShouldBe("cannot multiply (N, D) by (M, D): the inner dimensions differ, D on the left and M on the right");

        ShouldBeError(Broadcasting.MatMul(S(3, 4), S(5, 6)), ShapeErrorKind.MatMulInner);
        ShouldBeShape(Broadcasting.MatMul(S("N", "D"), S("M", "D"), new DimEqualities(("D", "M"))), S("N", "D"));
    }

    [Fact]
    public void MatMul_OfNonMatrices_IsAnError() =>
        ShouldBeError(Broadcasting.MatMul(S("D"), S("D", "M")), ShapeErrorKind.MatMulRank)
            .Message.ShouldBe("cannot multiply (D,) by (D, M): a matrix product needs two matrices");
}
