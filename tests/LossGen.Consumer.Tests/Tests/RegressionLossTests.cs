using System;
using LossGen.Consumer.Tests.Declarations;
using LossGen.Consumer.Tests.Support;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>Huber (two spellings), logistic, weighted least squares and the Poisson mix: linear models X·w.</summary>
public class RegressionLossTests
{
    private static double Huber(double r, double delta) =>
        Math.Abs(r) <= delta ? 0.5 * r * r : delta * (Math.Abs(r) - 0.5 * delta);

    /// <summary>
    /// Residuals placed by construction away from both kinks of the Huber function's pieces: even rows
    /// get 0.05 ≤ |r| ≤ δ − 0.05 (quadratic band), odd rows δ + 0.05 ≤ |r| ≤ 3 (linear part, where
    /// |r| is far from 0). A finite-difference step moves a residual by at most 1e-6·max(1,|w|)·Σ_k|X_ik|
    /// ≤ 1e-4, far less than the 0.05 clearance, so no difference straddles a switch of branch.
    /// </summary>
    private static double[] ResidualsAwayFromKinks(Random rng, int n, double delta)
    {
        var r = new double[n];
        for (var i = 0; i < n; i++)
        {
            var magnitude = i % 2 == 0 ? 0.05 + (delta - 0.1) * rng.NextDouble() : delta + 0.05 + (2.95 - delta) * rng.NextDouble();
            r[i] = rng.Next(2) == 0 ? -magnitude : magnitude;
        }
        return r;
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 7, 2)]
    [InlineData(6, 3, 3)]
    [InlineData(37, 19, 4)]
    public void HuberRegression_matches_reference_and_gradient(int n, int d, int seed)
    {
        var rng = new Random(seed);
        const double delta = 0.7;
        var X = Inputs.Uniform(rng, n * d, -1, 1);
        var w = Inputs.Uniform(rng, d, -1, 1);
        var r = ResidualsAwayFromKinks(rng, n, delta);
        var z = Inputs.MatVec(X, w, n, d);
        var y = new double[n];
        for (var i = 0; i < n; i++) y[i] = z[i] + r[i];
        var Xf = LossCase.ToFloat(X);
        var yf = LossCase.ToFloat(y);

        new LossCase
        {
            Params = new[] { w },
            Value = () => HuberRegression.Value(X, w, y, n, d, delta),
            ValueAndGradient = g => HuberRegression.ValueAndGradient(X, w, y, n, d, g[0], delta),
            ValueFloat = () => HuberRegression.Value(Xf, LossCase.ToFloat(w), yf, n, d, (float)delta),
            ValueAndGradientFloat = g => HuberRegression.ValueAndGradient(Xf, LossCase.ToFloat(w), yf, n, d, g[0], (float)delta),
            Reference = () =>
            {
                var zz = Inputs.MatVec(X, w, n, d);
                double sum = 0;
                for (var i = 0; i < n; i++) sum += Huber(y[i] - zz[i], delta);
                return sum / n;
            },
        }.CheckAll();
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(16, 3)]
    [InlineData(35, 4)]
    public void HuberMinMax_matches_reference_and_gradient(int n, int seed)
    {
        var rng = new Random(seed);
        const double delta = 1.3;
        var t = Inputs.Uniform(rng, n, -2, 2);
        var r = ResidualsAwayFromKinks(rng, n, delta);
        var p = new double[n];
        for (var i = 0; i < n; i++) p[i] = t[i] + r[i];
        var tf = LossCase.ToFloat(t);

        new LossCase
        {
            Params = new[] { p },
            Value = () => HuberMinMax.Value(p, t, n, delta),
            ValueAndGradient = g => HuberMinMax.ValueAndGradient(p, t, n, g[0], delta),
            ValueFloat = () => HuberMinMax.Value(LossCase.ToFloat(p), tf, n, (float)delta),
            ValueAndGradientFloat = g => HuberMinMax.ValueAndGradient(LossCase.ToFloat(p), tf, n, g[0], (float)delta),
            Reference = () =>
            {
                double sum = 0;
                for (var i = 0; i < n; i++) sum += Huber(p[i] - t[i], delta);
                return sum / n;
            },
        }.CheckAll();
    }

    /// <summary>The two Huber spellings are the same function, and δ = 1 is the default of both.</summary>
    [Fact]
    public void Huber_spellings_agree_and_default_delta_is_one()
    {
        var rng = new Random(11);
        const int n = 23, d = 5;
        var X = Inputs.Uniform(rng, n * d, -1, 1);
        var w = Inputs.Uniform(rng, d, -1, 1);
        var y = Inputs.Uniform(rng, n, -3, 3);
        var z = Inputs.MatVec(X, w, n, d);
        var viaConditional = HuberRegression.Value(X, w, y, n, d);
        var viaMinMax = HuberMinMax.Value(z, y, n);
        Assert.Equal(viaConditional, viaMinMax, 12);
        Assert.Equal(HuberRegression.Value(X, w, y, n, d, 1.0), viaConditional);
        Assert.NotEqual(HuberRegression.Value(X, w, y, n, d, 0.5), viaConditional);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 9, 2)]
    [InlineData(8, 8, 3)]
    [InlineData(33, 17, 4)]
    public void Logistic_matches_reference_and_gradient(int n, int d, int seed)
    {
        // Softplus is smooth everywhere: no kink to keep away from.
        var rng = new Random(seed);
        var X = Inputs.Uniform(rng, n * d, -1, 1);
        var w = Inputs.Uniform(rng, d, -2, 2);
        var y = Inputs.Signs(rng, n);
        var Xf = LossCase.ToFloat(X);
        var yf = LossCase.ToFloat(y);

        new LossCase
        {
            Params = new[] { w },
            Value = () => LogisticRegression.Value(X, w, y, n, d),
            ValueAndGradient = g => LogisticRegression.ValueAndGradient(X, w, y, n, d, g[0]),
            ValueFloat = () => LogisticRegression.Value(Xf, LossCase.ToFloat(w), yf, n, d),
            ValueAndGradientFloat = g => LogisticRegression.ValueAndGradient(Xf, LossCase.ToFloat(w), yf, n, d, g[0]),
            Reference = () =>
            {
                var zz = Inputs.MatVec(X, w, n, d);
                double sum = 0;
                for (var i = 0; i < n; i++) sum += Math.Log(1 + Math.Exp(-y[i] * zz[i]));
                return sum / n;
            },
        }.CheckAll();
    }

    /// <summary>Large margins must not overflow: softplus(±200) is 200 or ~0, not ∞ or NaN.</summary>
    [Fact]
    public void Logistic_is_finite_for_large_margins()
    {
        double[] X = { 1, 1 };
        double[] w = { 200 };
        double[] y = { 1, -1 };
        var g = new double[1];
        var v = LogisticRegression.ValueAndGradient(X, w, y, 2, 1, g);
        Assert.Equal(100.0, v, 12);       // (softplus(−200) + softplus(200)) / 2
        Assert.Equal(0.5, g[0], 12);      // (−σ(−200)·1 + σ(200)·1) / 2
        Assert.True(float.IsFinite(LogisticRegression.Value(new float[] { 1, 1 }, new float[] { 200 }, new float[] { 1, -1 }, 2, 1)));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(4, 2, 2)]
    [InlineData(21, 9, 3)]
    public void WeightedLeastSquares_matches_reference_and_gradient(int n, int d, int seed)
    {
        // A polynomial: no kinks.
        var rng = new Random(seed);
        var X = Inputs.Uniform(rng, n * d, -1, 1);
        var w = Inputs.Uniform(rng, d, -1, 1);
        var y = Inputs.Uniform(rng, n, -2, 2);
        var c = Inputs.Uniform(rng, n, 0.1, 2);
        var Xf = LossCase.ToFloat(X);
        var yf = LossCase.ToFloat(y);
        var cf = LossCase.ToFloat(c);

        new LossCase
        {
            Params = new[] { w },
            Value = () => WeightedLeastSquares.Value(X, w, y, c, n, d),
            ValueAndGradient = g => WeightedLeastSquares.ValueAndGradient(X, w, y, c, n, d, g[0]),
            ValueFloat = () => WeightedLeastSquares.Value(Xf, LossCase.ToFloat(w), yf, cf, n, d),
            ValueAndGradientFloat = g => WeightedLeastSquares.ValueAndGradient(Xf, LossCase.ToFloat(w), yf, cf, n, d, g[0]),
            Reference = () =>
            {
                var zz = Inputs.MatVec(X, w, n, d);
                double num = 0, den = 0;
                for (var i = 0; i < n; i++)
                {
                    num += c[i] * (zz[i] - y[i]) * (zz[i] - y[i]);
                    den += c[i];
                }
                return num / den;
            },
        }.CheckAll();
    }

    /// <summary>
    /// Relu's kink is at z_i = ½: rows of X are redrawn until |z_i − ½| ≥ 0.05, which a finite-difference
    /// step (moving z_i by ≤ 1e-6·Σ|X_ik| ≤ 1e-5) cannot cross.
    /// </summary>
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 2)]
    [InlineData(19, 11, 3)]
    public void PoissonMix_matches_reference_and_gradient(int n, int d, int seed)
    {
        var rng = new Random(seed);
        var w = Inputs.Uniform(rng, d, -1, 1);
        var X = new double[n * d];
        for (var i = 0; i < n; i++)
        {
            double z;
            do
            {
                z = 0;
                for (var k = 0; k < d; k++) { X[i * d + k] = rng.NextDouble() - 0.5; z += X[i * d + k] * w[k]; }
            } while (Math.Abs(z - 0.5) < 0.05);
        }
        var t = new double[n];
        for (var i = 0; i < n; i++) t[i] = rng.Next(4);
        var Xf = LossCase.ToFloat(X);
        var tf = LossCase.ToFloat(t);

        new LossCase
        {
            Params = new[] { w },
            Value = () => PoissonMix.Value(X, w, t, n, d),
            ValueAndGradient = g => PoissonMix.ValueAndGradient(X, w, t, n, d, g[0]),
            ValueFloat = () => PoissonMix.Value(Xf, LossCase.ToFloat(w), tf, n, d),
            ValueAndGradientFloat = g => PoissonMix.ValueAndGradient(Xf, LossCase.ToFloat(w), tf, n, d, g[0]),
            Reference = () =>
            {
                const double scale = 2.0, power = 3.0;
                var zz = Inputs.MatVec(X, w, n, d);
                double nll = 0, relu = 0, norm = 0;
                for (var i = 0; i < n; i++)
                {
                    nll += Math.Exp(zz[i]) - t[i] * zz[i];
                    relu += Math.Max(0, zz[i] - 0.5);
                }
                foreach (var v in w) norm += v * v;
                return nll / n + Math.Log(1 + norm / scale) + norm / (norm + 1) + power * relu / n;
            },
        }.CheckAll();
    }
}
