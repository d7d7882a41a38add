using System;
using LossGen.Optimization;

namespace LossGen.Tests.Optimization;

/// <summary>
/// The reference objective for the digits test, written out plainly so it is easy to check by eye
/// (the generator's fused kernel will replace it later):
/// <code>
///   s_i = x_i W + b                       (W: 64 × 10 row-major, b: 10)
///   L   = (1/N) Σ_i [ log Σ_j exp(s_ij) − s_i,y_i ] + λ Σ W²,   λ = 1e-3, b not regularised
///   ∂L/∂s_ij = (softmax(s_i)_j − [j = y_i]) / N
///   ∂L/∂W = Xᵀ ∂L/∂s + 2λW,   ∂L/∂b = Σ_i ∂L/∂s_i
/// </code>
/// Parameters are packed θ = [W row-major (640), b (10)]. The log-sum-exp subtracts each row's
/// maximum score before exponentiating, so it cannot overflow.
/// </summary>
internal struct DigitsSoftmaxObjective : IDifferentiableFunction
{
    public const double Lambda = 1e-3;
    public const int D = DigitsData.Features;
    public const int C = DigitsData.Classes;
    public const int ParameterCount = D * C + C;

    private readonly DigitsData _data;
    private readonly double[] _scores; // scratch: one row of scores, reused

    public int Evaluations;

    public DigitsSoftmaxObjective(DigitsData data)
    {
        _data = data;
        _scores = new double[C];
        Evaluations = 0;
    }

    public double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        if (theta.Length != ParameterCount || gradient.Length != ParameterCount)
        {
            throw new ArgumentException($"Expected {ParameterCount} parameters; got θ {theta.Length}, gradient {gradient.Length}.");
        }

        Evaluations++;
        ReadOnlySpan<double> w = theta[..(D * C)];
        ReadOnlySpan<double> b = theta[(D * C)..];
        Span<double> gw = gradient[..(D * C)];
        Span<double> gb = gradient[(D * C)..];
        gradient.Clear();

        int n = _data.Count;
        double invN = 1.0 / n;
        double dataLoss = 0;
        Span<double> s = _scores;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> xi = _data.X.AsSpan(i * D, D);

            for (int j = 0; j < C; j++)
            {
                s[j] = b[j];
            }

            for (int k = 0; k < D; k++)
            {
                for (int j = 0; j < C; j++)
                {
                    s[j] += xi[k] * w[k * C + j];
                }
            }

            double max = double.NegativeInfinity;
            for (int j = 0; j < C; j++)
            {
                max = Math.Max(max, s[j]);
            }

            int yi = _data.Y[i];
            double scoreOfTrueClass = s[yi];

            double sumExp = 0;
            for (int j = 0; j < C; j++)
            {
                s[j] = Math.Exp(s[j] - max);   // s now holds unnormalised probabilities, each ≤ 1
                sumExp += s[j];
            }

            double logSumExp = max + Math.Log(sumExp);
            dataLoss += logSumExp - scoreOfTrueClass;

            for (int j = 0; j < C; j++)
            {
                double ds = (s[j] / sumExp - (j == yi ? 1.0 : 0.0)) * invN;
                gb[j] += ds;
                for (int k = 0; k < D; k++)
                {
                    gw[k * C + j] += xi[k] * ds;
                }
            }
        }

        double reg = 0;
        for (int k = 0; k < D * C; k++)
        {
            reg += w[k] * w[k];
            gw[k] += 2 * Lambda * w[k];
        }

        return dataLoss * invN + Lambda * reg;
    }

    public double Accuracy(ReadOnlySpan<double> theta)
    {
        int correct = 0;
        for (int i = 0; i < _data.Count; i++)
        {
            int best = 0;
            double bestScore = double.NegativeInfinity;
            for (int j = 0; j < C; j++)
            {
                double sj = theta[D * C + j];
                for (int k = 0; k < D; k++)
                {
                    sj += _data.X[i * D + k] * theta[k * C + j];
                }

                if (sj > bestScore)
                {
                    bestScore = sj;
                    best = j;
                }
            }

            if (best == _data.Y[i])
            {
                correct++;
            }
        }

        return (double)correct / _data.Count;
    }
}
