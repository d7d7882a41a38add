using System;
using System.Linq;
using LossGen.Checking;
using Xunit;
using KeywordLoss = LossGen.Consumer.Tests.Declarations.@event.@public.@struct;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>
/// A declaration whose namespace, containing class, struct, tensors, labels and hyper-parameter are
/// all C# keywords compiles, is callable with named arguments spelled as the user wrote them, and
/// computes the same softmax loss as a direct double evaluation, with a gradient that passes GradCheck.
/// </summary>
public class KeywordNameTests
{
    private static readonly double[] Scores = { 1.0, -0.5, 2.0, 0.25, 0.0, -1.5 };
    private static readonly double[] Bias = { 0.1, -0.2, 0.3 };
    private static readonly int[] Labels = { 2, 0 };

    [Fact]
    public void A_loss_named_with_keywords_everywhere_computes_softmax_cross_entropy()
    {
        double value = KeywordLoss.Value(@in: Scores, @class: Bias, @int: Labels, n: 2, c: 3, @double: 1.5);

        double expected = 0;
        for (int i = 0; i < 2; i++)
        {
            var z = Enumerable.Range(0, 3).Select(j => Scores[i * 3 + j] + Bias[j]).ToArray();
            double m = z.Max();
            expected += m + Math.Log(z.Sum(v => Math.Exp(v - m))) - z[Labels[i]];
        }
        Assert.Equal(1.5 * expected / 2, value, 12);
    }

    [Fact]
    public void Its_gradient_passes_the_gradient_check()
    {
        var function = new DelegateGradientFunction<double>(
            x => KeywordLoss.Value(x[..6], x[6..], Labels, 2, 3),
            (x, g) => KeywordLoss.ValueAndGradient(x[..6], x[6..], Labels, 2, 3, g[..6], g[6..]));
        var x = Scores.Concat(Bias).ToArray();

        var report = GradCheck.Check(function, x, new ParameterLayout(new ParameterBlock("in", 2, 3), new ParameterBlock("class", 3)));

        Assert.True(report.Passed, report.ToString());
    }
}
