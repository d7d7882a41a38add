using System.Runtime.Intrinsics;
using LossGen.CompilerServices;
using LossGen.Simd;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Simd;

public sealed class LaneWidthTests
{
    [Fact]
    public void Current_is_the_widest_accelerated_width()
    {
        VectorWidth expected = Vector512.IsHardwareAccelerated ? VectorWidth.Bits512
            : Vector256.IsHardwareAccelerated ? VectorWidth.Bits256
            : Vector128.IsHardwareAccelerated ? VectorWidth.Bits128
            : VectorWidth.Scalar;
        LaneWidth.Current.ShouldBe(expected);
    }

    [Fact]
    public void Lane_counts_agree_with_the_lane_types()
    {
        int expectedFloat = LaneWidth.Current switch
        {
            VectorWidth.Bits512 => F512.Count,
            VectorWidth.Bits256 => F256.Count,
            VectorWidth.Bits128 => F128.Count,
            _ => F1.Count,
        };
        int expectedDouble = LaneWidth.Current switch
        {
            VectorWidth.Bits512 => D512.Count,
            VectorWidth.Bits256 => D256.Count,
            VectorWidth.Bits128 => D128.Count,
            _ => D1.Count,
        };
        LaneWidth.FloatLanes.ShouldBe(expectedFloat);
        LaneWidth.DoubleLanes.ShouldBe(expectedDouble);
    }

    [Fact]
    public void Each_lane_type_reports_its_own_width_acceleration()
    {
        F512.IsHardwareAccelerated.ShouldBe(Vector512.IsHardwareAccelerated);
        D256.IsHardwareAccelerated.ShouldBe(Vector256.IsHardwareAccelerated);
        F128.IsHardwareAccelerated.ShouldBe(Vector128.IsHardwareAccelerated);
        F1.IsHardwareAccelerated.ShouldBeTrue();
        D1.IsHardwareAccelerated.ShouldBeTrue();
    }
}
