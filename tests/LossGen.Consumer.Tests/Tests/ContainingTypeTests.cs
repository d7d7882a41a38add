using LossGen.Consumer.Tests.Declarations;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>Declarations in the global namespace, nested in a class or a struct, or internal readonly get their API on the right type.</summary>
public class ContainingTypeTests
{
    [Fact]
    public void Nested_and_modified_declarations_are_generated_on_the_declaring_type()
    {
        double[] w = { 1, -2, 3 };
        var g = new double[3];
        Assert.Equal(14.0, OuterStruct.InStruct.ValueAndGradient(w, 3, g));
        Assert.Equal(new[] { 2.0, -4.0, 6.0 }, g);
        Assert.Equal(2.0, ReadonlyLoss.ValueAndGradient(w, 3, g), 14);
        Assert.Equal(new[] { 1.0 / 3, -1.0 / 3, 1.0 / 3 }, g);
        Assert.Equal(System.Math.Log(2), ConsumerOuter.InferredSoftmax.Value(new double[] { 1, 1 }, new[] { 0 }, 1, 2), 14);
    }
}
