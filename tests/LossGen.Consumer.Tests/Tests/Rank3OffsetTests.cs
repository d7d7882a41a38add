using System.Linq;
using LossGen.Consumer.Tests.Declarations;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>
/// Minimal repro of the rank-≥3 offset bug. The row-major offset of x[i, j, k] in [A, B, C] is
/// (i·B + j)·C + k; the generated kernel builds it by pasting strings, `o4 = i * b` then
/// `o5 = o4 + j * c`, which is i·B + j·C: the missing parentheses drop the multiplication of the
/// prefix by C. With shape [2, 1, 2] the kernel reads x[0], x[1], x[1], x[2] instead of x[0..3].
/// </summary>
public class Rank3OffsetTests
{
    [Fact]
    public void Sum_of_squares_of_a_2x1x2_tensor_reads_every_element_once()
    {
        double[] x = { 1, 2, 3, 4 };
        var g = new double[4];
        Assert.Equal(30.0, Rank3SumOfSquares.ValueAndGradient(x, 2, 1, 2, g));
        Assert.Equal(x.Select(v => 2 * v).ToArray(), g);
    }

    /// <summary>When the leading index only takes the value 0 the bug cannot show: this shape works.</summary>
    [Fact]
    public void Sum_of_squares_with_a_single_leading_slice_is_right()
    {
        double[] x = { 1, 2, 3, 4, 5, 6 };
        var g = new double[6];
        Assert.Equal(91.0, Rank3SumOfSquares.ValueAndGradient(x, 1, 2, 3, g));
        Assert.Equal(x.Select(v => 2 * v).ToArray(), g);
    }
}
