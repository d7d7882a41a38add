using System;
using LossGen.Optimization;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Optimization;

public sealed class LearningRateScheduleTests
{
    private const double Tol = 1e-15;

    // The generic path training code will use: the schedule is a struct type parameter.
    private static double Rate<TSchedule>(TSchedule schedule, double baseLr, long step)
        where TSchedule : struct, ILearningRateSchedule
        => baseLr * schedule.Multiplier(step);

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 1.0)]
    [InlineData(2, 1.0)]
    [InlineData(3, 0.5)]
    [InlineData(5, 0.5)]
    [InlineData(6, 0.25)]
    [InlineData(10, 0.125)]   // ⌊10/3⌋ = 3
    public void StepDecay_matches_StepLR(long step, double expected)
        => new StepDecay(stepSize: 3, gamma: 0.5).Multiplier(step).ShouldBe(expected, Tol);

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 0.9)]
    [InlineData(2, 0.81)]
    [InlineData(10, 0.3486784401)]
    public void ExponentialDecay_matches_ExponentialLR(long step, double expected)
        => new ExponentialDecay(0.9).Multiplier(step).ShouldBe(expected, 1e-14);

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(2, 0.9045084971874737)]   // ½(1 + cos(π/5))
    [InlineData(5, 0.5)]
    [InlineData(8, 0.09549150281252627)]  // ½(1 + cos(4π/5))
    [InlineData(10, 0.0)]
    [InlineData(15, 0.0)]                 // past T: held at the floor (PyTorch would climb back to 0.5)
    public void CosineDecay_matches_the_closed_form(long step, double expected)
        => new CosineDecay(totalSteps: 10).Multiplier(step).ShouldBe(expected, Tol);

    [Fact]
    public void CosineDecay_matches_CosineAnnealingLR_recursive_form_on_every_defined_step()
    {
        // PyTorch's CosineAnnealingLR advances the rate recursively:
        //   η_t = η_min + (η_{t−1} − η_min)(1 + cos(πt/T)) / (1 + cos(π(t−1)/T)),  η_0 = η_base,
        // which equals the closed form for 0 ≤ t ≤ T up to rounding. Both with η_min = 0 and > 0.
        const double baseLr = 0.1;
        const long T = 37;
        foreach (double etaMin in new[] { 0.0, 0.004 })
        {
            var schedule = new CosineDecay(T, floor: etaMin / baseLr);
            double eta = baseLr;
            Rate(schedule, baseLr, 0).ShouldBe(eta, 1e-17);
            for (long t = 1; t <= T; t++)
            {
                eta = etaMin + (eta - etaMin) * (1 + Math.Cos(Math.PI * t / T)) / (1 + Math.Cos(Math.PI * (t - 1) / T));
                Rate(schedule, baseLr, t).ShouldBe(eta, 1e-15);
            }

            Rate(schedule, baseLr, T).ShouldBe(etaMin, 1e-17);
        }
    }

    [Fact]
    public void CosineDecay_with_a_floor_interpolates_between_one_and_the_floor()
    {
        var schedule = new CosineDecay(totalSteps: 10, floor: 0.1);
        schedule.Multiplier(0).ShouldBe(1.0, Tol);
        schedule.Multiplier(5).ShouldBe(0.55, Tol);
        schedule.Multiplier(10).ShouldBe(0.1, Tol);
        schedule.Multiplier(11).ShouldBe(0.1, Tol);
    }

    [Theory]
    [InlineData(0, 0.25)]     // the first update uses startFactor × base
    [InlineData(1, 0.4375)]
    [InlineData(2, 0.625)]
    [InlineData(3, 0.8125)]
    [InlineData(4, 1.0)]      // cosine's own step 0
    [InlineData(6, 0.8535533905932737)]  // cosine step 2 of 8: ½(1 + cos(π/4))
    [InlineData(8, 0.5)]      // cosine step 4 of 8
    [InlineData(12, 0.0)]     // cosine step 8 of 8
    [InlineData(100, 0.0)]
    public void LinearWarmup_then_cosine_matches_SequentialLR(long step, double expected)
        => new LinearWarmup<CosineDecay>(warmupSteps: 4, startFactor: 0.25, new CosineDecay(8)).Multiplier(step).ShouldBe(expected, Tol);

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(4, 0.82)]
    [InlineData(5, 1.0)]
    [InlineData(6, 1.0)]
    [InlineData(7, 0.5)]
    [InlineData(9, 0.25)]
    public void LinearWarmup_then_step_decay(long step, double expected)
        => new LinearWarmup<StepDecay>(5, 0.1, new StepDecay(2, 0.5)).Multiplier(step).ShouldBe(expected, Tol);

    [Fact]
    public void Warmups_nest_and_constant_is_one()
    {
        var constant = new ConstantLearningRate();
        constant.Multiplier(0).ShouldBe(1.0);
        constant.Multiplier(long.MaxValue).ShouldBe(1.0);

        var schedule = new LinearWarmup<LinearWarmup<ConstantLearningRate>>(2, 0.5, new LinearWarmup<ConstantLearningRate>(2, 0.5, constant));
        schedule.Multiplier(0).ShouldBe(0.5);
        schedule.Multiplier(1).ShouldBe(0.75);
        schedule.Multiplier(2).ShouldBe(0.5);
        schedule.Multiplier(3).ShouldBe(0.75);
        schedule.Multiplier(4).ShouldBe(1.0);
        Rate(schedule, 3e-4, 1).ShouldBe(2.25e-4, 1e-19);
    }

    [Fact]
    public void Invalid_arguments_name_the_parameter()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new StepDecay(0, 0.5)).ParamName.ShouldBe("stepSize");
        Should.Throw<ArgumentOutOfRangeException>(() => new StepDecay(3, 0)).ParamName.ShouldBe("gamma");
        Should.Throw<ArgumentOutOfRangeException>(() => new ExponentialDecay(double.NaN)).ParamName.ShouldBe("gamma");
        Should.Throw<ArgumentOutOfRangeException>(() => new CosineDecay(0)).ParamName.ShouldBe("totalSteps");
        Should.Throw<ArgumentOutOfRangeException>(() => new CosineDecay(10, 1.5)).ParamName.ShouldBe("floor");
        Should.Throw<ArgumentOutOfRangeException>(() => new LinearWarmup<ConstantLearningRate>(0, 0.5, default)).ParamName.ShouldBe("warmupSteps");
        Should.Throw<ArgumentOutOfRangeException>(() => new LinearWarmup<ConstantLearningRate>(3, 0, default)).ParamName.ShouldBe("startFactor");
        Should.Throw<ArgumentOutOfRangeException>(() => new ExponentialDecay(0.9).Multiplier(-1)).ParamName.ShouldBe("step");
        Should.Throw<ArgumentOutOfRangeException>(() => new ConstantLearningRate().Multiplier(-1)).ParamName.ShouldBe("step");
    }

    [Fact]
    public void A_default_constructed_schedule_refuses_to_produce_a_rate()
    {
        Should.Throw<InvalidOperationException>(() => default(StepDecay).Multiplier(0));
        Should.Throw<InvalidOperationException>(() => default(ExponentialDecay).Multiplier(0));
        Should.Throw<InvalidOperationException>(() => default(CosineDecay).Multiplier(0));
        Should.Throw<InvalidOperationException>(() => default(LinearWarmup<ConstantLearningRate>).Multiplier(0));
    }
}
