using System;
using LossGen.Optimization;
using LossGen.Builtins;
using LossGen.Training;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Training;

/// <summary>
/// The contracts are open: a hand-written objective struct trains like the built-in ones. Here
/// f(w) = mean over rows r of ½‖w − x_r‖², whose minimiser is the mean of the rows.
/// </summary>
public sealed class UserObjectiveTests
{
    [Fact]
    public void A_user_objective_is_minimised_by_full_batch_sgd()
    {
        double[,] points = { { 1, 2 }, { 3, -2 }, { 5, 6 } };
        var trainer = Trainer.Create(new MeanSquaredDistance(points), new Sgd.Optimizer<double>(lr: 0.5),
            new ConstantLearningRate(), new double[2], new TrainerOptions { BatchSize = 3 });

        trainer.Fit(epochs: 60);

        trainer.Parameters[0].ShouldBe(3, 1e-12);
        trainer.Parameters[1].ShouldBe(2, 1e-12);
    }

    [Fact]
    public void Clipping_needs_float_or_double()
    {
        Should.Throw<ArgumentException>(() => new Trainer<HalfObjective, HalfSgd, ConstantLearningRate, Half>(
                default, default, default, new Half[1], new TrainerOptions { MaxGradientNorm = 1 }))
            .ParamName.ShouldBe("options.MaxGradientNorm");
    }

    private readonly struct MeanSquaredDistance(double[,] points) : IBatchObjective<double>
    {
        public int ParameterCount => points.GetLength(1);

        public int ExampleCount => points.GetLength(0);

        public double ValueAndGradient(ReadOnlySpan<double> parameters, ReadOnlySpan<int> rows, Span<double> gradient)
        {
            gradient.Clear();
            double value = 0;
            foreach (int r in rows)
            {
                for (int k = 0; k < parameters.Length; k++)
                {
                    double diff = parameters[k] - points[r, k];
                    value += 0.5 * diff * diff;
                    gradient[k] += diff / rows.Length;
                }
            }

            return value / rows.Length;
        }
    }

    private readonly struct HalfObjective : IBatchObjective<Half>
    {
        public int ParameterCount => 1;

        public int ExampleCount => 1;

        public Half ValueAndGradient(ReadOnlySpan<Half> parameters, ReadOnlySpan<int> rows, Span<Half> gradient) => Half.Zero;
    }

    private readonly struct HalfSgd : IOptimizer<Half>
    {
        public int StateBufferCount => 0;

        public void Step(Span<Half> w, ReadOnlySpan<Half> g, Span<Half> state, long t, double learningRateMultiplier)
        {
        }
    }
}
