using System.Linq;
using LossGen.Tests.Diagnostics;
using Shouldly;
using Xunit;

namespace LossGen.Tests.WholeTensor;

/// <summary>
/// Whole-tensor bodies at the edges of the feature, valid and not, through the real generator and
/// analyzer: neither may throw, and what is generated must compile. Each row also says which
/// LossGen diagnostics (if any) it must get, so an edge that silently stops being checked fails.
/// </summary>
public class WholeTensorRobustnessTests
{
    private const string Parameters = """[Shape("N", "D")] Tensor X, [Shape("D")] Tensor v, [Shape("N", "1")] Tensor c, Tensor mu, float p = 2f""";

    [Theory]
    [InlineData("Sum(X.T.T)", "")]
    [InlineData("Sum(-X) + Sum(1 - X) + Sum(X / 2) + Sum(X + 1)", "")]
    [InlineData("Sum(Transpose(v))", "")]
    [InlineData("Sum(MatMul(X, X.T) * 2)", "")]
    [InlineData("Max(Sum(X, 0)) + Min(Mean(X, -1)) + LogSumExp(X)", "")]
    [InlineData("Sum(Exp(X) / Sum(Exp(X), axis: 1, keepDims: true))", "")]
    [InlineData("Sum(Sum(X, axis: -1, keepDims: true) * c)", "")]
    [InlineData("Sum(Sqr(X - mu)) + Sum(mu)", "")]
    [InlineData("Sum((X - c) * (c - X)) + Mean(Abs(c))", "")]
    [InlineData("Sum(Pow(X, 3)) + Sum(Relu(X) + Sigmoid(X) + Softplus(X) + Tanh(X) + Sqrt(Sqr(X) + 1) + Log(Exp(X)))", "")]
    [InlineData("Sum(X * p)", "")]
    [InlineData("Sum(Pow(X, p))", "")]
    [InlineData("Sum(Pow(X, p * 2f))", "LG0007")]
    [InlineData("Sum(X + v.T + c.T)", "LG0105")]
    [InlineData("Sum(MatMul(X, v))", "LG0107")]
    [InlineData("Sum(MatMul(c, c.T)) + Sum(MatMul(c.T, X)) + Sum(MatMul(c.T, c.T))", "LG0107")]
    [InlineData("Sum(Sum(X, axis: 5, keepDims: true))", "LG0106")]
    [InlineData("Sum(Sum(X, 0) + Sum(X, 1))", "LG0105")]
    [InlineData("Sum(mu * mu)", "LG0109,LG0109")]
    public void Expression_body(string body, string expected)
    {
        var run = DiagnosticRun.Of($$"""
            using LossGen;
            using static LossGen.Dsl;

            [Loss]
            public partial struct Edge
            {
                static float Define({{Parameters}}) => {{body}};
            }
            """);

        string.Join(",", run.Reported.Select(d => d.Id)).ShouldBe(expected);
        run.ShouldHaveAHealthyGenerator();
    }

    [Theory]
    // A whole-tensor local, used whole and indexed; an alias of a parameter; a local of a local.
    // d[i, i] makes i range over N and D, in X and in v: both reported at the second i written.
    [InlineData("var d = X - v; var e = d.T; return Sum(e) + Sum(i => d[i, i]);", "LG0102,LG0102")]
    [InlineData("var a = X; var b = a * a; return Sum(b) + Mean(i => Sum(j => b[i, j]));", "")]
    // A comprehension can only be indexed; a whole-tensor local with an error is reported once.
    [InlineData("var s = Tensor.Of((i, j) => X[i, j]); return Sum(s);", "LG0005")]
    [InlineData("var t = X + c.T; return Sum(t) + Sum(i => t[i, i]);", "LG0105")]
    [InlineData("var t = X + v; return Sum(i => t[i]);", "LG0101")]
    // Labels index a whole-tensor local's axis, and are compared with an index over it. Here the
    // local is a Gram matrix [N, N], so the labels range over the examples (a positive pair):
    // legitimate, though it reads X[y[i], k] once expanded.
    [InlineData("var s = MatMul(X, X.T); return Mean(i => Sum(j => j == y[i] ? 0f : s[i, j]) - s[i, y[i]]);", "")]
    public void Block_body(string statements, string expected)
    {
        var run = DiagnosticRun.Of($$"""
            using LossGen;
            using static LossGen.Dsl;

            [Loss]
            public partial struct Edge
            {
                static float Define({{Parameters}}, [Shape("N")] Labels y)
                {
                    {{statements}}
                }
            }
            """);

        string.Join(",", run.Reported.Select(d => d.Id)).ShouldBe(expected);
        run.ShouldHaveAHealthyGenerator();
    }
}
