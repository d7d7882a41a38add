using System;
using System.Linq;
using LossGen.Consumer.Tests.Declarations;
using LossGen.Consumer.Tests.Support;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>
/// Losses on log p = s[i, y_i] − logsumexp_j s[i, j] in float at scores ±1e4, ±1e19, ±1e30 (issue
/// 12 part 5). The float ulp at 1e19 is ~1e12, so a kernel that forms logsumexp = m + log z first
/// loses log z, and t − (m + log z) is not ≤ 0; the user's focal loss came out −∞ with NaN
/// gradients. Each generated value and gradient, float and double, is compared with a reference
/// written here in double on the same (float-rounded) scores: log p_k = −(log Σ_j e^{x_j − m} + (m − x_k)).
/// </summary>
public class LogProbabilityStabilityTests
{
    private const int N = 19, C = 5; // 19 rows: a vector block of rows across lanes and single rows after it

    public static TheoryData<double, bool> Scales => new()
    {
        { 1e4, true }, { 1e4, false }, { 1e19, true }, { 1e19, false }, { 1e30, true }, { 1e30, false },
    };

    /// <summary>
    /// Float-representable scores. Tied rows put the label on a shared row maximum (p = 1/2) or make
    /// the whole row equal (p = 1/C): the loss is O(1) and is exactly the log z a rounded m + log z
    /// drops (with <paramref name="fillEveryRow"/> every row is equal, for a loss over all classes,
    /// where a row with a spread would dwarf the log z of the others). Spread rows are uniform in ±scale with the label anywhere, often far below the max.
    /// </summary>
    private static (double[] S, int[] Y) Scores(double scale, bool tied, int seed, bool fillEveryRow = false)
    {
        var rng = new Random(seed);
        var s = Inputs.Uniform(rng, N * C, -scale, scale).Select(v => (double)(float)v).ToArray();
        var y = Inputs.Labels(rng, N, C);
        if (!tied) return (s, y);
        for (var i = 0; i < N; i++)
        {
            var row = s.AsSpan(i * C, C);
            var max = row.ToArray().Max();
            if (i % 2 == 0 || fillEveryRow) row.Fill(max);
            else { row[y[i]] = max; row[(y[i] + 1) % C] = max; }
        }
        return (s, y);
    }

    /// <summary>Row i's log-probabilities, max-shifted in double.</summary>
    private static double[] LogProbabilities(double[] s, int i)
    {
        var row = s.AsSpan(i * C, C).ToArray();
        var m = row.Max();
        var logZ = Math.Log(row.Sum(x => Math.Exp(x - m)));
        return row.Select(x => -(logZ + (m - x))).ToArray();
    }

    /// <summary>
    /// The reference mean of per-row losses f(log p) and its gradient: ∂/∂s[i, j] of f(log p_k) is
    /// f′(log p_k)·([j = k] − p_j), averaged over rows, with p_j = exp(log p_j).
    /// </summary>
    private static (double Value, double[] Gradient) Reference(double[] s, Func<int, int> label,
        Func<double, double> f, Func<double, double> df, bool overAllClasses = false)
    {
        var value = 0.0;
        var g = new double[N * C];
        for (var i = 0; i < N; i++)
        {
            var logp = LogProbabilities(s, i);
            var ks = overAllClasses ? Enumerable.Range(0, C).ToArray() : new[] { label(i) };
            foreach (var k in ks)
            {
                var w = 1.0 / N / ks.Length;
                value += w * f(logp[k]);
                for (var j = 0; j < C; j++) g[i * C + j] += w * df(logp[k]) * ((j == k ? 1 : 0) - Math.Exp(logp[j]));
            }
        }
        return (value, g);
    }

    private static double Focal(double l) => -Math.Pow(1 - Math.Exp(l), 2) * l;

    // d/dl of −(1 − e^l)² l = −(1 − e^l)² + 2 e^l (1 − e^l) l
    private static double FocalSlope(double l) => -Math.Pow(1 - Math.Exp(l), 2) + 2 * Math.Exp(l) * (1 - Math.Exp(l)) * l;

    /// <summary>
    /// Value within 1e-5 relative (float carries ~1e-7 per term: m − t rounded once, log z to an ulp
    /// or two); the O(1) tied losses are what a lost log z changes by 0.3 or more. Gradient elements
    /// within 1e-4·max(|g|, 1e-2·max|g|), the float bound of LossCase, plus <see cref="TermRounding"/>.
    /// </summary>
    /// <summary>
    /// Each gradient element sums terms f′·([j = k] − p_j)/N of magnitude ≤ 1/N (|f′| ≤ 1 here), so
    /// one where they cancel exactly (uniform target on an equal row: 1/C − 1/C) keeps their float
    /// rounding, ~1e-8/N; 1e-6/N is that with a hundredfold margin, and a wrong term is ≥ 1e-2/N.
    /// </summary>
    private const double TermRounding = 1e-6 / N;

    private static void Check(string what, double reference, double[] referenceGradient, double value, double[] gradient, double valueTolerance)
    {
        Assert.True(double.IsFinite(reference), $"{what}: reference {reference}");
        Assert.True(double.IsFinite(value), $"{what}: value {value}");
        Assert.True(Math.Abs(value - reference) <= valueTolerance * Math.Max(1, Math.Abs(reference)),
            $"{what}: value {value:R} vs reference {reference:R}");
        var max = referenceGradient.Max(Math.Abs);
        for (var k = 0; k < gradient.Length; k++)
        {
            Assert.True(double.IsFinite(gradient[k]), $"{what}: gradient[{k}] = {gradient[k]}");
            var tolerance = 1e-4 * Math.Max(Math.Abs(referenceGradient[k]), 1e-2 * max) + TermRounding;
            Assert.True(Math.Abs(gradient[k] - referenceGradient[k]) <= tolerance,
                $"{what}: gradient[{k}] = {gradient[k]:R} vs reference {referenceGradient[k]:R}");
        }
    }

    private delegate float FloatLoss(float[] s, float[]? ds);
    private delegate double DoubleLoss(double[] s, double[]? ds);

    private static void CheckBoth(string name, double[] s, (double Value, double[] Gradient) reference, FloatLoss f, DoubleLoss d)
    {
        var sf = LossCase.ToFloat(s);
        var gf = new float[s.Length];
        var vf = f(sf, gf);
        Assert.Equal(f(sf, null), vf);
        Check(name + " float", reference.Value, reference.Gradient, vf, gf.Select(x => (double)x).ToArray(), 1e-5);

        var gd = new double[s.Length];
        var vd = d(s, gd);
        Assert.Equal(d(s, null), vd);
        Check(name + " double", reference.Value, reference.Gradient, vd, gd, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Scales))]
    public void Focal_loss_is_finite_and_matches_the_shifted_reference(double scale, bool tied)
    {
        var (s, y) = Scores(scale, tied, seed: 1);
        CheckBoth("focal", s, Reference(s, i => y[i], Focal, FocalSlope),
            (x, g) => g is null ? FocalLoss.Value(x, y, N, C) : FocalLoss.ValueAndGradient(x, y, N, C, g),
            (x, g) => g is null ? FocalLoss.Value(x, y, N, C) : FocalLoss.ValueAndGradient(x, y, N, C, g));
    }

    [Theory]
    [MemberData(nameof(Scales))]
    public void Written_out_nll_is_finite_and_matches_the_shifted_reference(double scale, bool tied)
    {
        var (s, y) = Scores(scale, tied, seed: 2);
        var reference = Reference(s, i => y[i], l => -l, _ => -1);
        CheckBoth("nll", s, reference,
            (x, g) => g is null ? WrittenOutNll.Value(x, y, N, C) : WrittenOutNll.ValueAndGradient(x, y, N, C, g),
            (x, g) => g is null ? WrittenOutNll.Value(x, y, N, C) : WrittenOutNll.ValueAndGradient(x, y, N, C, g));
        CheckBoth("nll, negated first", s, reference,
            (x, g) => g is null ? NegatedFirstNll.Value(x, y, N, C) : NegatedFirstNll.ValueAndGradient(x, y, N, C, g),
            (x, g) => g is null ? NegatedFirstNll.Value(x, y, N, C) : NegatedFirstNll.ValueAndGradient(x, y, N, C, g));
    }

    [Theory]
    [MemberData(nameof(Scales))]
    public void Uniform_target_cross_entropy_is_finite_and_matches_the_shifted_reference(double scale, bool tied)
    {
        var (s, _) = Scores(scale, tied, seed: 3, fillEveryRow: true);
        CheckBoth("uniform target", s, Reference(s, _ => 0, l => -l, _ => -1, overAllClasses: true),
            (x, g) => g is null ? UniformTargetCrossEntropy.Value(x, N, C) : UniformTargetCrossEntropy.ValueAndGradient(x, N, C, g),
            (x, g) => g is null ? UniformTargetCrossEntropy.Value(x, N, C) : UniformTargetCrossEntropy.ValueAndGradient(x, N, C, g));
    }
}
