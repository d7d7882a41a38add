using System;
using System.Linq;
using LossGen.Consumer.Tests.Declarations;
using LossGen.Consumer.Tests.Support;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>The declarations of Declarations/EdgeCases.cs through the same checks (a)–(d).</summary>
public class EdgeCaseTests
{
    private static LossCase OneTensor(double[] x, Func<double[], double> value, Func<double[], double[], double> valueAndGradient,
        Func<float[], float> valueFloat, Func<float[], float[], float> valueAndGradientFloat, Func<double> reference) => new()
    {
        Params = new[] { x },
        Value = () => value(x),
        ValueAndGradient = g => valueAndGradient(x, g[0]),
        ValueFloat = () => valueFloat(LossCase.ToFloat(x)),
        ValueAndGradientFloat = g => valueAndGradientFloat(LossCase.ToFloat(x), g[0]),
        Reference = reference,
    };

    /// <summary>A[i, j]·A[j, i]: every element gets two contributions, one per index order, so the buffer must accumulate both.</summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(9, 3)]
    [InlineData(18, 4)]
    public void TransposeProduct(int d, int seed)
    {
        var A = Inputs.Uniform(new Random(seed), d * d, -2, 2);
        OneTensor(A, x => Declarations.TransposeProduct.Value(x, d), (x, g) => Declarations.TransposeProduct.ValueAndGradient(x, d, g),
            x => Declarations.TransposeProduct.Value(x, d), (x, g) => Declarations.TransposeProduct.ValueAndGradient(x, d, g),
            () =>
            {
                double sum = 0;
                for (var i = 0; i < d; i++)
                    for (var j = 0; j < d; j++) sum += A[i * d + j] * A[j * d + i];
                return sum;
            }).CheckAll();
    }

    /// <summary>
    /// Only s[i, y_i] is read: every other gradient element must be written as 0 (the NaN sentinel
    /// of <see cref="LossCase"/> catches a skipped element), and rows sharing a label must not collide.
    /// </summary>
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(6, 2, 2)]
    [InlineData(20, 17, 3)]
    public void LabelOnly(int n, int c, int seed)
    {
        var rng = new Random(seed);
        var y = Inputs.Labels(rng, n, c);
        var s = Inputs.Uniform(rng, n * c, -2, 2);
        OneTensor(s, x => Declarations.LabelOnly.Value(x, y, n, c), (x, g) => Declarations.LabelOnly.ValueAndGradient(x, y, n, c, g),
            x => Declarations.LabelOnly.Value(x, y, n, c), (x, g) => Declarations.LabelOnly.ValueAndGradient(x, y, n, c, g),
            () => -Enumerable.Range(0, n).Sum(i => s[i * c + y[i]]) / n).CheckAll();
    }

    /// <summary>Only the diagonal is read: off-diagonal gradient elements must be written as 0.</summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 2)]
    [InlineData(19, 3)]
    public void Trace(int d, int seed)
    {
        var A = Inputs.Uniform(new Random(seed), d * d, -2, 2);
        OneTensor(A, x => Declarations.Trace.Value(x, d), (x, g) => Declarations.Trace.ValueAndGradient(x, d, g),
            x => Declarations.Trace.Value(x, d), (x, g) => Declarations.Trace.ValueAndGradient(x, d, g),
            () => Enumerable.Range(0, d).Sum(i => A[i * d + i] * A[i * d + i])).CheckAll();
    }

    /// <summary>a/b with b kept in [0.5, 2] so the quotient is smooth and well scaled.</summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 2)]
    [InlineData(33, 3)]
    public void Ratio(int n, int seed)
    {
        var rng = new Random(seed);
        var a = Inputs.Uniform(rng, n, -2, 2);
        var b = Inputs.Uniform(rng, n, 0.5, 2);
        new LossCase
        {
            Params = new[] { a, b },
            Value = () => Declarations.Ratio.Value(a, b, n),
            ValueAndGradient = g => Declarations.Ratio.ValueAndGradient(a, b, n, g[0], g[1]),
            ValueFloat = () => Declarations.Ratio.Value(LossCase.ToFloat(a), LossCase.ToFloat(b), n),
            ValueAndGradientFloat = g => Declarations.Ratio.ValueAndGradient(LossCase.ToFloat(a), LossCase.ToFloat(b), n, g[0], g[1]),
            Reference = () => Enumerable.Range(0, n).Sum(i => a[i] / b[i]),
        }.CheckAll();
    }

    /// <summary>x⁻¹ + x^1.5 + x^0.5 + x³ on x ∈ [0.5, 2]: positive, so every power is real and smooth.</summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 2)]
    [InlineData(21, 3)]
    public void Powers(int n, int seed)
    {
        var x = Inputs.Uniform(new Random(seed), n, 0.5, 2);
        OneTensor(x, v => Declarations.Powers.Value(v, n), (v, g) => Declarations.Powers.ValueAndGradient(v, n, g),
            v => Declarations.Powers.Value(v, n), (v, g) => Declarations.Powers.ValueAndGradient(v, n, g),
            () => x.Sum(v => 1 / v + Math.Pow(v, 1.5) + Math.Sqrt(v) + v * v * v)).CheckAll();
    }

    /// <summary>A hyper-parameter named n pushes the dimension N's parameter to nDim.</summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(13, 2)]
    public void HyperNamedLikeDim(int n, int seed)
    {
        var w = Inputs.Uniform(new Random(seed), n, -2, 2);
        OneTensor(w, x => Declarations.HyperNamedLikeDim.Value(x, nDim: n, n: 3.5), (x, g) => Declarations.HyperNamedLikeDim.ValueAndGradient(x, n, g, 3.5),
            x => Declarations.HyperNamedLikeDim.Value(x, n, 3.5f), (x, g) => Declarations.HyperNamedLikeDim.ValueAndGradient(x, n, g, 3.5f),
            () => 3.5 * w.Sum(v => v * v)).CheckAll();
        Assert.Equal(2 * w.Sum(v => v * v), Declarations.HyperNamedLikeDim.Value(w, n), 12);
    }

    /// <summary>A constant tensor named dw pushes w's gradient buffer to dwGrad.</summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(17, 2)]
    public void GradientNameTaken(int n, int seed)
    {
        var rng = new Random(seed);
        var w = Inputs.Uniform(rng, n, -2, 2);
        var dw = Inputs.Uniform(rng, n, -2, 2);
        var dwf = LossCase.ToFloat(dw);
        OneTensor(w, x => Declarations.GradientNameTaken.Value(x, dw, n), (x, g) => Declarations.GradientNameTaken.ValueAndGradient(x, dw, n, dwGrad: g),
            x => Declarations.GradientNameTaken.Value(x, dwf, n), (x, g) => Declarations.GradientNameTaken.ValueAndGradient(x, dwf, n, g),
            () => Enumerable.Range(0, n).Sum(i => w[i] * dw[i])).CheckAll();
    }

    /// <summary>
    /// The branch is chosen by ‖w‖² against r: inputs are scaled so ‖w‖² is 0.5 (below r = 1) or 2
    /// (above), never near the switch, which a step of 1e-6 cannot cross.
    /// </summary>
    [Theory]
    [InlineData(1, 0.5, 1)]
    [InlineData(9, 0.5, 2)]
    [InlineData(1, 2.0, 3)]
    [InlineData(9, 2.0, 4)]
    public void ValueCondOnReduction(int n, double squaredNorm, int seed)
    {
        var w = Inputs.Uniform(new Random(seed), n, -1, 1);
        var scale = Math.Sqrt(squaredNorm / w.Sum(v => v * v));
        for (var k = 0; k < n; k++) w[k] *= scale;
        OneTensor(w, x => Declarations.ValueCondOnReduction.Value(x, n), (x, g) => Declarations.ValueCondOnReduction.ValueAndGradient(x, n, g),
            x => Declarations.ValueCondOnReduction.Value(x, n), (x, g) => Declarations.ValueCondOnReduction.ValueAndGradient(x, n, g),
            () =>
            {
                var q = w.Sum(v => v * v);
                return q > 1 ? Math.Sqrt(q) : q;
            }).CheckAll();
    }

    /// <summary>A margin subtracted from the label's score inside and outside a log-sum-exp (additive-margin softmax).</summary>
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(5, 3, 2)]
    [InlineData(22, 19, 3)]
    public void MaskedLogSumExp(int n, int c, int seed)
    {
        var rng = new Random(seed);
        const double m = 0.8;
        var y = Inputs.Labels(rng, n, c);
        var s = Inputs.Uniform(rng, n * c, -3, 3);
        OneTensor(s, x => Declarations.MaskedLogSumExp.Value(x, y, n, c, m), (x, g) => Declarations.MaskedLogSumExp.ValueAndGradient(x, y, n, c, g, m),
            x => Declarations.MaskedLogSumExp.Value(x, y, n, c, (float)m), (x, g) => Declarations.MaskedLogSumExp.ValueAndGradient(x, y, n, c, g, (float)m),
            () => Enumerable.Range(0, n).Sum(i =>
            {
                var row = s.Skip(i * c).Take(c).Select((v, j) => j == y[i] ? v - m : v).ToArray();
                return Inputs.LogSumExp(row) - row[y[i]];
            }) / n).CheckAll();
    }

    [Fact]
    public void NegativeDefault_is_used()
    {
        double[] w = { 0.5, -2 };
        Assert.Equal(4 + 0.25, Declarations.NegativeDefault.Value(w, 2), 12);
        var g = new double[2];
        Declarations.NegativeDefault.ValueAndGradient(w, 2, g);
        Assert.Equal(new[] { 4.0, -1.0 }, g);
    }
}
