using System;
using System.Linq;
using LossGen.Consumer.Tests.Declarations;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>
/// Value records no selection for a Max whose gradient needs one, and ValueAndGradient does; the two
/// must still return the same bits, down to the sign of a zero maximum. +0 in the first half and
/// −0 in the second leaves every vector lane's last element −0: IEEE max gives +0, a plain hardware
/// max (acc > x ? acc : x) would keep −0. Lengths 8…64 put a whole vector of each sign in the lanes
/// of every width.
/// </summary>
public class ValueMatchesValueAndGradientTests
{
    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(64)]
    public void A_zero_maximum_has_the_same_sign_in_both(int c)
    {
        var s = Enumerable.Range(0, c).Select(j => j < c / 2 ? 0.0 : -0.0).ToArray();
        var value = LargestElement.Value(s, c);
        Assert.Equal(BitConverter.DoubleToInt64Bits(LargestElement.ValueAndGradient(s, c, new double[c])), BitConverter.DoubleToInt64Bits(value));
        Assert.Equal(0L, BitConverter.DoubleToInt64Bits(value)); // +0: IEEE max(+0, −0)

        var f = Array.ConvertAll(s, v => (float)v);
        var valueF = LargestElement.Value(f, c);
        Assert.Equal(BitConverter.SingleToInt32Bits(LargestElement.ValueAndGradient(f, c, new float[c])), BitConverter.SingleToInt32Bits(valueF));
        Assert.Equal(0, BitConverter.SingleToInt32Bits(valueF));
    }
}
