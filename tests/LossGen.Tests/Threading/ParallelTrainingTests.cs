using System;
using LossGen.Builtins;
using LossGen.Optimization;
using LossGen.Training;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Threading;

/// <summary>
/// The trainer and L-BFGS pass their degree of parallelism through to the kernels, and because the
/// kernels split outputs rather than sums, training on one thread and on two gives the same bits.
/// The problem is large enough (a 256-row batch of 1024 features and 10 classes: 2.6 M
/// multiply-adds per product) that the contractions do split.
/// </summary>
[Collection(ParallelismCollection.Name)]
public sealed class ParallelTrainingTests
{
    [Fact]
    public void Training_on_one_and_on_two_threads_gives_bit_identical_weights()
    {
        using var degree = new DegreeOverride(2);
        var one = Train(degreeOfParallelism: 1);
        var two = Train(degreeOfParallelism: 2);
        Bits(two).ShouldBe(Bits(one));
        // Guards the comparison: training moved the weights away from their zero start.
        Array.Exists(one, w => w != 0).ShouldBeTrue();
    }

    [Fact]
    public void LBfgs_on_one_and_on_two_threads_takes_the_same_steps()
    {
        using var degree = new DegreeOverride(2);
        var (x1, r1) = Minimize(1);
        var (x2, r2) = Minimize(2);
        r2.Iterations.ShouldBe(r1.Iterations);
        Array.ConvertAll(x2, BitConverter.DoubleToInt64Bits).ShouldBe(Array.ConvertAll(x1, BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void A_degree_below_one_is_refused_naming_the_option()
    {
        var data = Synthetic<float>(20, 4, 3);
        var e = Should.Throw<ArgumentException>(() => Trainer.Create(new LinearSoftmaxObjective<float>(data), new Sgd.Optimizer<float>(lr: 0.1),
            new ConstantLearningRate(), new float[data.ParameterCount], new TrainerOptions { DegreeOfParallelism = 0 }));
        e.ParamName.ShouldBe("options.DegreeOfParallelism");
        var f = new Quadratic();
        var l = Should.Throw<ArgumentOutOfRangeException>(() => LBfgs.Minimize(ref f, new double[] { 1 }, new LBfgsOptions { DegreeOfParallelism = -1 }));
        l.ParamName.ShouldBe("DegreeOfParallelism");
    }

    private static float[] Train(int degreeOfParallelism)
    {
        var data = Synthetic<float>(1024, 1024, 10);
        var trainer = Trainer.Create(new LinearSoftmaxObjective<float>(data), new Adam.Optimizer<float>(lr: 0.01),
            new ConstantLearningRate(), new float[data.ParameterCount],
            new TrainerOptions { BatchSize = 256, Seed = 3, DegreeOfParallelism = degreeOfParallelism });
        trainer.Fit(epochs: 2);
        return trainer.Parameters.ToArray();
    }

    private static (double[] X, LBfgsResult Result) Minimize(int degreeOfParallelism)
    {
        var data = Synthetic<double>(300, 1024, 10);
        var objective = new LinearSoftmaxObjective<double>(data);
        var f = new FullBatch(objective, data.Count);
        var x = new double[data.ParameterCount];
        var result = LBfgs.Minimize(ref f, x, new LBfgsOptions { MaxIterations = 8, DegreeOfParallelism = degreeOfParallelism });
        return (x, result);
    }

    /// <summary>Seeded Gaussian-ish features and labels that depend on them, so the loss has something to learn.</summary>
    private static LinearDataset<T> Synthetic<T>(int rows, int features, int classes)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new TrainingRandom(17);
        var x = new T[rows * features];
        var y = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            double best = double.NegativeInfinity;
            for (int k = 0; k < features; k++)
            {
                double u = (rng.NextUInt64() >> 11) * (1.0 / (1UL << 53)) - 0.5;
                x[i * features + k] = T.CreateTruncating(u);
                if (k < classes && u > best) (best, y[i]) = (u, k);
            }
        }
        return new LinearDataset<T>(x, y, features, classes);
    }

    private static int[] Bits(float[] values) => Array.ConvertAll(values, BitConverter.SingleToInt32Bits);

    /// <summary>The objective over every row, as L-BFGS sees it.</summary>
    private readonly struct FullBatch(LinearSoftmaxObjective<double> objective, int rows) : IDifferentiableFunction
    {
        private readonly int[] all = System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Range(0, rows));

        public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient) => objective.ValueAndGradient(x, all, gradient);
    }

    private struct Quadratic : IDifferentiableFunction
    {
        public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
        {
            gradient[0] = 2 * x[0];
            return x[0] * x[0];
        }
    }
}
