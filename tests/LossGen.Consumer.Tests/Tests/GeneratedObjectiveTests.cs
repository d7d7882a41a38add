using System;
using System.Linq;
using LossGen.Builtins;
using LossGen.Consumer.Tests.Declarations;
using LossGen.Consumer.Tests.Support;
using LossGen.Optimization;
using LossGen.Training;
using Xunit;

namespace LossGen.Consumer.Tests.Tests;

/// <summary>
/// The generated Objective&lt;T&gt; of user losses over rows: a batch must give exactly what the
/// generated ValueAndGradient gives on those rows copied out by hand, its gradient must match
/// centered differences of its own value, and bad input must be refused naming the parameter.
/// </summary>
public class GeneratedObjectiveTests
{
    private const int N = 13, D = 5, C = 3;
    private static readonly int[] Batch = { 5, 0, 12, 5, 7 };

    private static double[] Random(int count, int seed, double scale = 1)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (rng.NextDouble() * 2 - 1) * scale).ToArray();
    }

    private static int[] Labels(int count, int classes, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => rng.Next(classes)).ToArray();
    }

    private static T[] Rows<T>(T[] source, int rowLength, int[] rows) =>
        rows.SelectMany(r => source.Skip(r * rowLength).Take(rowLength)).ToArray();

    [Fact]
    public void Focal_batch_equals_the_declaration_on_the_batch_rows_and_its_gradient_matches_centered_differences()
    {
        var x = Random(N * D, 1);
        var y = Labels(N, C, 2);
        var objective = new LinearFocal.Objective<double>(x, y, N, D, C, gamma: 1.5);
        var p = Random(objective.ParameterCount, 3);
        var g = new double[p.Length];
        var value = objective.ValueAndGradient(p, Batch, g);

        var dW = new double[D * C];
        var db = new double[C];
        var direct = LinearFocal.ValueAndGradient(Rows(x, D, Batch), p.AsSpan(0, D * C), p.AsSpan(D * C), Rows(y, 1, Batch),
            Batch.Length, D, C, dW, db, 1.5);
        Assert.Equal(direct, value);
        Assert.Equal(dW.Concat(db), g);

        AssertGradientMatchesDifferences(objective, p, g);
    }

    [Fact]
    public void Huber_regression_batch_matches_the_declaration_and_centered_differences()
    {
        var x = Random(N * D, 4);
        var t = Random(N, 5, scale: 3);
        var objective = new HuberRegression.Objective<double>(x, t, N, D, delta: 0.7);
        var p = Random(objective.ParameterCount, 6);
        var g = new double[p.Length];
        var value = objective.ValueAndGradient(p, Batch, g);

        var dw = new double[D];
        var direct = HuberRegression.ValueAndGradient(Rows(x, D, Batch), p, Rows(t, 1, Batch), Batch.Length, D, dw, 0.7);
        Assert.Equal(direct, value);
        Assert.Equal(dw, g);
        AssertGradientMatchesDifferences(objective, p, g);
    }

    [Fact]
    public void Multi_label_sigmoid_gathers_its_target_rows_and_matches_centered_differences()
    {
        const int K = 4;
        var x = Random(N * D, 7);
        var targets = Random(N * K, 8).Select(v => v > 0 ? 1.0 : 0.0).ToArray();
        var objective = new MultiLabelSigmoid.Objective<double>(x, targets, N, D, K);
        Assert.Equal(D * K + K, objective.ParameterCount);
        var p = Random(objective.ParameterCount, 9);
        var g = new double[p.Length];
        var value = objective.ValueAndGradient(p, Batch, g);

        // Independent of the generated kernels: the formula in double over the batch rows.
        double expected = 0;
        foreach (var i in Batch)
            for (var k = 0; k < K; k++)
            {
                double s = p[D * K + k];
                for (var d = 0; d < D; d++) s += x[i * D + d] * p[d * K + k];
                expected += Math.Log(1 + Math.Exp(s)) - targets[i * K + k] * s;
            }
        Assert.Equal(expected / Batch.Length, value, 1e-12);
        AssertGradientMatchesDifferences(objective, p, g);
    }

    [Fact]
    public void A_const_tensor_without_the_row_dimension_is_passed_whole()
    {
        var x = Random(N * D, 10);
        var y = Labels(N, C, 11);
        var weights = new[] { 0.5, 2.0, 1.25 };
        var objective = new ClassWeightedSoftmax.Objective<double>(x, weights, y, N, D, C);
        var p = Random(objective.ParameterCount, 12);
        var g = new double[p.Length];
        var value = objective.ValueAndGradient(p, Batch, g);

        var dW = new double[D * C];
        Assert.Equal(ClassWeightedSoftmax.ValueAndGradient(Rows(x, D, Batch), p, weights, Rows(y, 1, Batch), Batch.Length, D, C, dW), value);
        Assert.Equal(dW, g);
    }

    [Fact]
    public void Float_agrees_with_double()
    {
        var x = Random(N * D, 13);
        var y = Labels(N, C, 14);
        var od = new LinearFocal.Objective<double>(x, y, N, D, C);
        var of = new LinearFocal.Objective<float>(x.Select(v => (float)v).ToArray(), y, N, D, C);
        var p = Random(od.ParameterCount, 15);
        var gd = new double[p.Length];
        var gf = new float[p.Length];
        var vd = od.ValueAndGradient(p, Batch, gd);
        var vf = of.ValueAndGradient(p.Select(v => (float)v).ToArray(), Batch, gf);
        Assert.Equal(vd, vf, 1e-5);
        for (var k = 0; k < p.Length; k++) Assert.Equal(gd[k], gf[k], 1e-5);
    }

    [Fact]
    public void Ranges_and_layout_follow_the_declaration_order()
    {
        var objective = new LinearFocal.Objective<float>(new float[N * D], new int[N], N, D, C);
        Assert.Equal(new ParameterRange(0, D * C), objective.W);
        Assert.Equal(new ParameterRange(D * C, C), objective.b);
        Assert.Equal(D * C + C, objective.ParameterCount);
        Assert.Equal(N, objective.ExampleCount);
        Assert.Equal(new[] { "W", "b" }, objective.Layout.Blocks.Select(b => b.Name));
        Assert.Equal(new[] { D, C }, objective.Layout.Blocks[0].Shape);
    }

    [Fact]
    public void A_loss_over_given_scores_has_no_objective()
    {
        // Its scores s [N, C] are differentiable and indexed by rows: there is no fixed parameter vector.
        Assert.Null(typeof(FocalLossGamma).GetNestedType("Objective`1"));
        Assert.NotNull(typeof(LinearFocal).GetNestedType("Objective`1"));
    }

    [Fact]
    public void Bad_training_sets_are_refused_in_the_constructor_naming_the_parameter()
    {
        var x = new float[N * D];
        var y = new int[N];
        Assert.Equal("X", Assert.Throws<ArgumentException>(() => new LinearFocal.Objective<float>(new float[N * D - 1], y, N, D, C)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => new LinearFocal.Objective<float>(x, new int[N - 1], N, D, C)).ParamName);
        var badLabel = new int[N];
        badLabel[4] = C;
        var e = Assert.Throws<ArgumentException>(() => new LinearFocal.Objective<float>(x, badLabel, N, D, C));
        Assert.Equal("y", e.ParamName);
        Assert.Contains("3", e.Message);
        Assert.Equal("gamma", Assert.Throws<ArgumentException>(() => new LinearFocal.Objective<float>(x, y, N, D, C, gamma: double.NaN)).ParamName);
        Assert.Equal("n", Assert.Throws<ArgumentException>(() => new LinearFocal.Objective<float>(x, y, 0, D, C)).ParamName);
        Assert.Equal("d", Assert.Throws<ArgumentException>(() => new LinearFocal.Objective<float>(x, y, N, -1, C)).ParamName);
        Assert.Throws<NotSupportedException>(() => new LinearFocal.Objective<Half>(new Half[N * D], y, N, D, C));
    }

    [Fact]
    public void Bad_batches_are_refused_before_the_gradient_is_written()
    {
        var objective = new LinearFocal.Objective<float>(new float[N * D], new int[N], N, D, C);
        var p = new float[objective.ParameterCount];
        var g = Enumerable.Repeat(7f, p.Length).ToArray();
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => objective.ValueAndGradient(p, new[] { 0, N }, g)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => objective.ValueAndGradient(p, new[] { -1 }, g)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => objective.ValueAndGradient(p, Array.Empty<int>(), g)).ParamName);
        var e = Assert.Throws<ArgumentException>(() => objective.ValueAndGradient(new float[p.Length + 1], Batch, g));
        Assert.Equal("parameters", e.ParamName);
        Assert.Contains("[W [D, C] | b [C]]", e.Message);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => objective.ValueAndGradient(p, Batch, new float[p.Length - 1])).ParamName);
        // The gradient may not share storage with the parameters (the kernel would read half-written weights).
        Assert.Throws<ArgumentException>(() => objective.ValueAndGradient(g, Batch, g));
        Assert.All(g, v => Assert.Equal(7f, v));
        Assert.Throws<InvalidOperationException>(() => default(LinearFocal.Objective<float>).ValueAndGradient(p, Batch, g));
    }

    [Fact]
    public void A_user_loss_trains_end_to_end_with_a_penalty_on_W_only()
    {
        // Three well separated blobs in five dimensions.
        const int rows = 300;
        var rng = new Random(21);
        var x = new float[rows * D];
        var y = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            y[i] = i % C;
            for (var d = 0; d < D; d++)
                x[i * D + d] = (float)((d == y[i] ? 3 : 0) + rng.NextDouble() - 0.5);
        }
        var objective = new LinearFocal.Objective<float>(x, y, rows, D, C, gamma: 2);
        var optimizer = new Adam.Optimizer<float>(lr: 0.05).WithPenalty(new L2.Penalty(1e-3), objective.W);
        var trainer = Trainer.Create(objective, optimizer, new ConstantLearningRate(), new float[objective.ParameterCount],
            new TrainerOptions { BatchSize = 32, Seed = 5 });
        var before = objective.ValueAndGradient(trainer.Parameters, Enumerable.Range(0, rows).ToArray(), new float[objective.ParameterCount]);
        trainer.Fit(15);
        var after = objective.ValueAndGradient(trainer.Parameters, Enumerable.Range(0, rows).ToArray(), new float[objective.ParameterCount]);

        Assert.True(after < before / 10, $"focal loss {before} → {after}");
        var p = trainer.Parameters.ToArray();
        var correct = 0;
        for (var i = 0; i < rows; i++)
        {
            var scores = Enumerable.Range(0, C).Select(j => p[D * C + j] + Enumerable.Range(0, D).Sum(d => x[i * D + d] * p[d * C + j])).ToArray();
            if (Array.IndexOf(scores, scores.Max()) == y[i]) correct++;
        }
        Assert.Equal(rows, correct);
    }

    [Fact]
    public void The_penalised_step_fuses_the_penalty_on_its_ranges_and_leaves_the_rest_plain()
    {
        // A user-declared optimizer's generated adapter, against its own Step called by hand.
        const int weights = 11;
        var w = Random(weights, 31);
        var g = Random(weights, 32);
        var state = Random(weights, 33);
        var (wRef, stateRef) = ((double[])w.Clone(), (double[])state.Clone());
        var penalty = new L2.Penalty(0.1);
        var ranges = new[] { new ParameterRange(1, 3), new ParameterRange(6, 4) };

        var adapter = new BiasCorrectedMomentum.Optimizer<double>(lr: 0.05, beta: 0.8).WithPenalty(penalty, ranges);
        adapter.Step(w, g, state, 3, learningRateMultiplier: 0.5);

        void Plain(int o, int l) => BiasCorrectedMomentum.Step(wRef.AsSpan(o, l), g.AsSpan(o, l), stateRef.AsSpan(o, l), 3, 0.05 * 0.5, 0.8);
        void Fused(int o, int l) => BiasCorrectedMomentum.Step(wRef.AsSpan(o, l), g.AsSpan(o, l), stateRef.AsSpan(o, l), 3, penalty, 0.05 * 0.5, 0.8);
        Plain(0, 1);
        Fused(1, 3);
        Plain(4, 2);
        Fused(6, 4);
        Plain(10, 1);
        Assert.Equal(wRef, w);
        Assert.Equal(stateRef, state);
        // The penalty did act: the fused part differs from a plain step.
        var plainW = Random(weights, 31);
        BiasCorrectedMomentum.Step(plainW, g, Random(weights, 33), 3, 0.025, 0.8);
        Assert.NotEqual(plainW[2], w[2]);
        Assert.Equal(plainW[0], w[0]);
    }

    [Fact]
    public void Penalised_steps_refuse_bad_ranges_and_leave_everything_untouched()
    {
        var optimizer = new BiasCorrectedMomentum.Optimizer<double>();
        Assert.Throws<ArgumentException>(() => optimizer.WithPenalty(new L2.Penalty(0.1), new ParameterRange(4, 3), new ParameterRange(5, 1)));
        var penalised = optimizer.WithPenalty(new L2.Penalty(0.1), new ParameterRange(4, 3));
        var w = Random(5, 1);
        var saved = (double[])w.Clone();
        var state = new double[5];
        Assert.Equal("ranges", Assert.Throws<ArgumentException>(() => penalised.Step(w, new double[5], state, 1, 1)).ParamName);
        Assert.Equal("state", Assert.Throws<ArgumentException>(() => penalised.Step(w, new double[5], new double[4], 1, 1)).ParamName);
        Assert.Equal(saved, w);
        Assert.Throws<InvalidOperationException>(() => default(BiasCorrectedMomentum.Optimizer<double>).WithPenalty(new L2.Penalty(0.1)));
    }

    /// <summary>Centered differences in double of the objective's value on the same batch.</summary>
    private static void AssertGradientMatchesDifferences<TObjective>(TObjective objective, double[] p, double[] g)
        where TObjective : IBatchObjective<double>
    {
        var scratch = new double[p.Length];
        var numeric = FiniteDifference.Gradient(() => objective.ValueAndGradient(p, Batch, scratch), p);
        for (var k = 0; k < p.Length; k++)
            Assert.True(Math.Abs(numeric[k] - g[k]) <= 1e-6 * Math.Max(1, Math.Abs(numeric[k])), $"∂/∂p[{k}]: analytic {g[k]}, centered {numeric[k]}");
    }
}
