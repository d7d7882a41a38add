using System;
using System.Linq;
using LossGen.Consumer.Tests.Declarations;
using LossGen.Consumer.Tests.Support;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>Losses on a score matrix s [N, C] with integer labels.</summary>
public class ClassificationLossTests
{
    private static double[] Row(double[] s, int i, int c) => s.AsSpan(i * c, c).ToArray();

    /// <summary>
    /// Redraws a row of scores in [lo, hi] until <paramref name="ok"/> accepts it. Used to keep every
    /// hinge margin and every max/min comparison at least 0.01 from its kink or tie; a centered
    /// difference moves a score by 1e-6·max(1,|s|) ≤ 1e-5, so it stays on one side.
    /// </summary>
    private static double[] Scores(Random rng, int n, int c, double lo, double hi, int[] y, Func<double[], int, bool> ok)
    {
        var s = new double[n * c];
        for (var i = 0; i < n; i++)
        {
            double[] row;
            do row = Inputs.Uniform(rng, c, lo, hi);
            while (!ok(row, y[i]));
            row.CopyTo(s, i * c);
        }
        return s;
    }

    private static LossCase ScoreCase(double[] s, int[] y, int n, int c,
        Func<double[], double[], double> valueAndGradient, Func<double[], double> value,
        Func<float[], float[], float> valueAndGradientFloat, Func<float[], float> valueFloat,
        Func<double[], int, double> perRowReference) => new()
    {
        Params = new[] { s },
        Value = () => value(s),
        ValueAndGradient = g => valueAndGradient(s, g[0]),
        ValueFloat = () => valueFloat(LossCase.ToFloat(s)),
        ValueAndGradientFloat = g => valueAndGradientFloat(LossCase.ToFloat(s), g[0]),
        Reference = () => Enumerable.Range(0, n).Sum(i => perRowReference(Row(s, i, c), y[i])) / n,
    };

    private static double BestOther(double[] row, int label) =>
        row.Where((_, j) => j != label).DefaultIfEmpty(double.NegativeInfinity).Max();

    private static bool CrammerSingerOk(double[] row, int label, double margin)
    {
        if (row.Length == 1) return true;
        var others = row.Where((_, j) => j != label).OrderByDescending(v => v).ToArray();
        var noTie = others.Length < 2 || others[0] - others[1] >= 0.01;
        return noTie && Math.Abs(margin + others[0] - row[label]) >= 0.01;
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(5, 1, 2)]
    [InlineData(1, 6, 3)]
    [InlineData(7, 3, 4)]
    [InlineData(29, 21, 5)]
    public void CrammerSinger_matches_reference_and_gradient(int n, int c, int seed)
    {
        var rng = new Random(seed);
        var y = Inputs.Labels(rng, n, c);
        var s = Scores(rng, n, c, -1.5, 1.5, y, (row, label) => CrammerSingerOk(row, label, 1.0));
        ScoreCase(s, y, n, c,
            (x, g) => CrammerSinger.ValueAndGradient(x, y, n, c, g), x => CrammerSinger.Value(x, y, n, c),
            (x, g) => CrammerSinger.ValueAndGradient(x, y, n, c, g), x => CrammerSinger.Value(x, y, n, c),
            (row, label) => Math.Max(0, 1 + BestOther(row, label) - row[label])).CheckAll();
    }

    [Theory]
    [InlineData(1, 1, 0.5, 1)]
    [InlineData(3, 4, 0.5, 2)]
    [InlineData(18, 11, 2.0, 3)]
    public void CrammerSingerNotEqual_matches_reference_and_gradient(int n, int c, double margin, int seed)
    {
        var rng = new Random(seed);
        var y = Inputs.Labels(rng, n, c);
        var s = Scores(rng, n, c, -1.5, 1.5, y, (row, label) => CrammerSingerOk(row, label, margin));
        ScoreCase(s, y, n, c,
            (x, g) => CrammerSingerNotEqual.ValueAndGradient(x, y, n, c, g, margin), x => CrammerSingerNotEqual.Value(x, y, n, c, margin),
            (x, g) => CrammerSingerNotEqual.ValueAndGradient(x, y, n, c, g, (float)margin), x => CrammerSingerNotEqual.Value(x, y, n, c, (float)margin),
            (row, label) => Math.Max(0, margin + BestOther(row, label) - row[label])).CheckAll();
    }

    /// <summary>The two Crammer–Singer spellings agree at margin 1, where one is the other's default.</summary>
    [Fact]
    public void CrammerSinger_spellings_agree()
    {
        var rng = new Random(3);
        const int n = 13, c = 7;
        var y = Inputs.Labels(rng, n, c);
        var s = Inputs.Uniform(rng, n * c, -2, 2);
        Assert.Equal(CrammerSinger.Value(s, y, n, c), CrammerSingerNotEqual.Value(s, y, n, c, 1.0), 14);
    }

    private static bool SquaredHingeOk(double[] row, int label, double delta) =>
        row.Where((_, j) => j != label).All(v => Math.Abs(v - row[label] + delta) >= 0.01);

    private static double SquaredHinge(double[] row, int label, double delta) =>
        row.Where((_, j) => j != label).Sum(v => Math.Pow(Math.Max(0, v - row[label] + delta), 2));

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 4, 2)]
    [InlineData(9, 10, 3)]
    [InlineData(31, 17, 4)]
    public void SquaredHingeDelta2_default_is_two_and_matches_reference_and_gradient(int n, int c, int seed)
    {
        var rng = new Random(seed);
        var y = Inputs.Labels(rng, n, c);
        // Scores spread wider than Δ so both active and inactive margins occur.
        var s = Scores(rng, n, c, -3, 3, y, (row, label) => SquaredHingeOk(row, label, 2.0));
        ScoreCase(s, y, n, c,
            (x, g) => SquaredHingeDelta2.ValueAndGradient(x, y, n, c, g), x => SquaredHingeDelta2.Value(x, y, n, c),
            (x, g) => SquaredHingeDelta2.ValueAndGradient(x, y, n, c, g), x => SquaredHingeDelta2.Value(x, y, n, c),
            (row, label) => SquaredHinge(row, label, 2.0)).CheckAll();
        Assert.Equal(SquaredHingeDelta2.Value(s, y, n, c, 2.0), SquaredHingeDelta2.Value(s, y, n, c));
    }

    private static double SoftmaxLoss(double[] row, int label) => Inputs.LogSumExp(row) - row[label];

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 10, 2)]
    [InlineData(8, 3, 3)]
    [InlineData(27, 19, 4)]
    public void NaiveSoftmax_matches_reference_and_gradient(int n, int c, int seed)
    {
        // log Σ exp is smooth: no kinks.
        var rng = new Random(seed);
        var y = Inputs.Labels(rng, n, c);
        var s = Inputs.Uniform(rng, n * c, -4, 4);
        ScoreCase(s, y, n, c,
            (x, g) => NaiveSoftmax.ValueAndGradient(x, y, n, c, g), x => NaiveSoftmax.Value(x, y, n, c),
            (x, g) => NaiveSoftmax.ValueAndGradient(x, y, n, c, g), x => NaiveSoftmax.Value(x, y, n, c),
            SoftmaxLoss).CheckAll();
    }

    /// <summary>
    /// The softmax loss of one row and its gradient, computed the stable way: the max-shifted
    /// differences s_j − m are formed first (exact for the scores used here), so the loss
    /// (m − s_y) + log Σ exp(s_j − m) keeps log Σ even when |m| is 1e30.
    /// </summary>
    private static (double Loss, double[] Probabilities) StableSoftmax(double[] row, int label)
    {
        var m = row.Max();
        var sum = row.Sum(v => Math.Exp(v - m));
        return (m - row[label] + Math.Log(sum), row.Select(v => Math.Exp(v - m) / sum).ToArray());
    }

    /// <summary>Huge scores, float-representable so both precisions see the same numbers: ±magnitude·(1 + 1e-3·r), r ∈ {0..3}.</summary>
    private static double[] HugeScores(Random rng, int length, double magnitude)
    {
        var s = new double[length];
        for (var k = 0; k < s.Length; k++) s[k] = (float)((rng.Next(2) == 0 ? -1 : 1) * magnitude * (1 + 1e-3 * rng.Next(4)));
        return s;
    }

    /// <summary>
    /// Scores of ±1e4 overflow exp in both float and double unless the Stabilize pass rewrote
    /// log Σ exp into a max-shifted log-sum-exp. In double the value must equal the stable reference
    /// to 1e-12·|s| (the rounding of terms of size |s|) and the gradient softmax − onehot to 1e-12;
    /// in float both must at least be finite.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void NaiveSoftmax_is_stabilized_at_scores_1e4(int seed)
    {
        const double magnitude = 1e4;
        var rng = new Random(seed);
        const int n = 11, c = 13;
        var y = Inputs.Labels(rng, n, c);
        var s = HugeScores(rng, n * c, magnitude);

        var g = new double[s.Length];
        var value = NaiveSoftmax.ValueAndGradient(s, y, n, c, g);
        Assert.Equal(NaiveSoftmax.Value(s, y, n, c), value);
        var reference = 0.0;
        for (var i = 0; i < n; i++)
        {
            var (loss, p) = StableSoftmax(Row(s, i, c), y[i]);
            reference += loss / n;
            for (var j = 0; j < c; j++)
            {
                var expected = (p[j] - (j == y[i] ? 1 : 0)) / n;
                Assert.True(Math.Abs(g[i * c + j] - expected) <= 1e-12, $"ds[{i},{j}] = {g[i * c + j]:R}, expected {expected:R}");
            }
        }
        Assert.True(Math.Abs(value - reference) <= 1e-12 * magnitude, $"{value:R} vs {reference:R}");

        var gf = new float[s.Length];
        Assert.True(float.IsFinite(NaiveSoftmax.ValueAndGradient(LossCase.ToFloat(s), y, n, c, gf)));
        Assert.All(gf, v => Assert.True(float.IsFinite(v)));
    }

    /// <summary>
    /// (c) at scores of 1e4: the float loss agrees with the double one to 1e-4 relative like
    /// everywhere else (the rows' losses are O(1) and the inputs are exact in float).
    /// </summary>
    [Fact]
    public void NaiveSoftmax_float_value_agrees_with_double_at_scores_1e4()
    {
        var rng = new Random(5);
        const int n = 11, c = 13;
        var y = Inputs.Labels(rng, n, c);
        var s = HugeScores(rng, n * c, 1e4);
        var vd = NaiveSoftmax.Value(s, y, n, c);
        var vf = NaiveSoftmax.Value(LossCase.ToFloat(s), y, n, c);
        Assert.True(Math.Abs(vf - vd) <= 1e-4 * Math.Abs(vd), $"float {vf:R} vs double {vd:R}");
    }

    /// <summary>
    /// (c) for the gradient at scores of 1e4: softmax probabilities are O(1) and the score
    /// differences s_j − m are exact in float, so a float kernel can get them to ~1e-7 relative.
    /// The generated float kernel subtracts the log-sum-exp rounded to float (ulp 1e-3 at 1e4)
    /// from s_j, which puts ~1e-3 relative error into every probability.
    /// </summary>
    [Fact]
    public void NaiveSoftmax_float_gradient_agrees_with_double_at_scores_1e4()
    {
        var rng = new Random(1);
        const int n = 11, c = 13;
        var y = Inputs.Labels(rng, n, c);
        var s = HugeScores(rng, n * c, 1e4);
        var gd = new double[s.Length];
        var gf = new float[s.Length];
        NaiveSoftmax.ValueAndGradient(s, y, n, c, gd);
        NaiveSoftmax.ValueAndGradient(LossCase.ToFloat(s), y, n, c, gf);
        var max = gd.Max(Math.Abs);
        for (var k = 0; k < gd.Length; k++)
            Assert.True(Math.Abs(gf[k] - gd[k]) <= 1e-4 * Math.Max(Math.Abs(gd[k]), 1e-2 * max), $"float ds[{k}] = {gf[k]:R} vs double {gd[k]:R}");
    }

    /// <summary>
    /// Two tied maxima of 1e30 and the label on one of them: the loss is exactly log 2 and the
    /// gradient (−½, ½, 0). In double, 1e30 + log 2 rounds to 1e30, so a kernel that adds log Σ to
    /// the max before subtracting the label score returns 0 and the gradient (0, 1, 0).
    /// </summary>
    [Fact]
    public void NaiveSoftmax_is_correct_at_scores_1e30_with_ties()
    {
        double[] s = { 1e30, 1e30, -1e30 };
        int[] y = { 0 };
        var g = new double[3];
        var value = NaiveSoftmax.ValueAndGradient(s, y, 1, 3, g);
        Assert.Equal(Math.Log(2), value, 12);
        Assert.Equal(-0.5, g[0], 12);
        Assert.Equal(0.5, g[1], 12);
        Assert.Equal(0.0, g[2], 12);
    }

    /// <summary>Scores of ±1e30 without ties at the label: the value and gradient are finite and right.</summary>
    [Fact]
    public void NaiveSoftmax_is_finite_at_scores_1e30()
    {
        double[] s = { 1e30, -1e30, 2e30, -3e30 };
        int[] y = { 0, 1 };
        var g = new double[4];
        var value = NaiveSoftmax.ValueAndGradient(s, y, 2, 2, g);
        // Row 0: label is the max, loss log(1 + e^{-2e30}) = 0. Row 1: loss 2e30 − (−3e30) = 5e30.
        Assert.Equal(2.5e30, value, 1e16);
        Assert.Equal(new[] { 0.0, 0.0, 0.5, -0.5 }, g);
        var gf = new float[4];
        Assert.Equal(2.5e30f, NaiveSoftmax.ValueAndGradient(new[] { 1e30f, -1e30f, 2e30f, -3e30f }, y, 2, 2, gf), 1e24f);
        Assert.Equal(new[] { 0f, 0f, 0.5f, -0.5f }, gf);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 5, 2)]
    [InlineData(23, 18, 3)]
    public void LabelSmoothedCrossEntropy_matches_reference_and_gradient(int n, int c, int seed)
    {
        var rng = new Random(seed);
        const double eps = 0.25;
        var y = Inputs.Labels(rng, n, c);
        var s = Inputs.Uniform(rng, n * c, -3, 3);
        ScoreCase(s, y, n, c,
            (x, g) => LabelSmoothedCrossEntropy.ValueAndGradient(x, y, n, c, g, eps), x => LabelSmoothedCrossEntropy.Value(x, y, n, c, eps),
            (x, g) => LabelSmoothedCrossEntropy.ValueAndGradient(x, y, n, c, g, (float)eps), x => LabelSmoothedCrossEntropy.Value(x, y, n, c, (float)eps),
            (row, label) => Inputs.LogSumExp(row) - (1 - eps) * row[label] - eps * row.Average()).CheckAll();
    }

    /// <summary>
    /// With a single class the softmax probability is exactly 1 and the focal loss 0, so that shape
    /// is included; otherwise the loss is smooth.
    /// </summary>
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 2, 2)]
    [InlineData(17, 12, 3)]
    public void FocalLoss_matches_reference_and_gradient(int n, int c, int seed)
    {
        var rng = new Random(seed);
        var y = Inputs.Labels(rng, n, c);
        var s = Inputs.Uniform(rng, n * c, -3, 3);
        ScoreCase(s, y, n, c,
            (x, g) => FocalLoss.ValueAndGradient(x, y, n, c, g), x => FocalLoss.Value(x, y, n, c),
            (x, g) => FocalLoss.ValueAndGradient(x, y, n, c, g), x => FocalLoss.Value(x, y, n, c),
            (row, label) =>
            {
                var logp = row[label] - Inputs.LogSumExp(row);
                return -Math.Pow(1 - Math.Exp(logp), 2) * logp;
            }).CheckAll();
    }

    private static bool MinMarginOk(double[] row, int label)
    {
        var margins = row.Select((v, j) => (v, j)).Where(t => t.j != label).Select(t => row[label] - t.v).OrderBy(m => m).ToArray();
        return margins.Length < 2 || margins[1] - margins[0] >= 0.01;
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(4, 1, 2)]
    [InlineData(1, 2, 3)]
    [InlineData(25, 9, 4)]
    public void MinMargin_matches_reference_and_gradient(int n, int c, int seed)
    {
        var rng = new Random(seed);
        var y = Inputs.Labels(rng, n, c);
        var s = Scores(rng, n, c, -2, 2, y, MinMarginOk);
        ScoreCase(s, y, n, c,
            (x, g) => MinMargin.ValueAndGradient(x, y, n, c, g), x => MinMargin.Value(x, y, n, c),
            (x, g) => MinMargin.ValueAndGradient(x, y, n, c, g), x => MinMargin.Value(x, y, n, c),
            (row, label) =>
            {
                // With one class the min is over nothing but the excluded label: +1e30, softplus(−1e30) = 0.
                var m = row.Length == 1 ? 1e30 : row.Where((_, j) => j != label).Min(v => row[label] - v);
                return Inputs.Softplus(-m);
            }).CheckAll();
    }

    /// <summary>
    /// With one sequence (B = 1) the leading index is always 0, which hides the rank-3 offset bug
    /// reproduced in <see cref="Rank3OffsetTests"/>; larger batches are in the skipped theory below.
    /// </summary>
    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(1, 6, 17, 2)]
    public void SequenceCrossEntropy_matches_reference_and_gradient(int b, int t, int c, int seed) =>
        CheckSequenceCrossEntropy(b, t, c, seed);

    [Theory]
    [InlineData(2, 3, 5, 2)]
    [InlineData(4, 7, 17, 3)]
    public void SequenceCrossEntropy_with_several_sequences_matches_reference_and_gradient(int b, int t, int c, int seed) =>
        CheckSequenceCrossEntropy(b, t, c, seed);

    private static void CheckSequenceCrossEntropy(int b, int t, int c, int seed)
    {
        var rng = new Random(seed);
        var y = Inputs.Labels(rng, b * t, c);
        var x = Inputs.Uniform(rng, b * t * c, -3, 3);
        ScoreCase(x, y, b * t, c,
            (v, g) => SequenceCrossEntropy.ValueAndGradient(v, y, b, t, c, g), v => SequenceCrossEntropy.Value(v, y, b, t, c),
            (v, g) => SequenceCrossEntropy.ValueAndGradient(v, y, b, t, c, g), v => SequenceCrossEntropy.Value(v, y, b, t, c),
            SoftmaxLoss).CheckAll();
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(6, 9, 2)]
    [InlineData(20, 33, 3)]
    public void InferredSoftmax_matches_reference_and_gradient(int n, int c, int seed)
    {
        var rng = new Random(seed);
        var y = Inputs.Labels(rng, n, c);
        var s = Inputs.Uniform(rng, n * c, -3, 3);
        ScoreCase(s, y, n, c,
            (x, g) => ConsumerOuter.InferredSoftmax.ValueAndGradient(x, y, n, c, g), x => ConsumerOuter.InferredSoftmax.Value(x, y, n, c),
            (x, g) => ConsumerOuter.InferredSoftmax.ValueAndGradient(x, y, n, c, g), x => ConsumerOuter.InferredSoftmax.Value(x, y, n, c),
            SoftmaxLoss).CheckAll();
    }
}
