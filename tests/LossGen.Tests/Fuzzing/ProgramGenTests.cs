using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace LossGen.Tests.Fuzzing;

/// <summary>The program generator reaches every construct of the grammar it promises, so the fuzz run tests what it claims to.</summary>
public class ProgramGenTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("Sum(")]
    [InlineData("Mean(")]
    [InlineData("Max(i")]
    [InlineData("Min(j")]
    [InlineData("LogSumExp(")]
    [InlineData("Log(Sum(")]
    [InlineData("s[i")]
    [InlineData(", y[i")]
    [InlineData("X[i")]
    [InlineData("Tensor.Of((p1, p2)")]
    [InlineData("var m1 =")]
    [InlineData(" ? ")]
    [InlineData(" == y[")]
    [InlineData(" / (")]
    [InlineData("-(")]
    [InlineData("Exp(")]
    [InlineData("Sqrt(")]
    [InlineData("Pow(1f + Sqr(")]
    [InlineData("Abs(")]
    [InlineData("Relu(")]
    [InlineData("Max(0f, ")]
    [InlineData("Sigmoid(")]
    [InlineData("Softplus(")]
    [InlineData("Tanh(")]
    [InlineData("alpha")]
    [InlineData("beta")]
    [InlineData("((i2, j2x) =>")]
    public void Two_hundred_programs_use_every_construct(string construct)
    {
        var bodies = DifferentialRunner.Sample(20261121UL, 200).Select(p => p.Body).ToList();
        bodies.Distinct().Count().ShouldBeGreaterThan(150);
        bodies.Count(b => b.Contains(construct)).ShouldBeGreaterThan(0);
        if (construct == "Sum(") foreach (var b in bodies.Take(3)) output.WriteLine(b + "\n");
    }
}
