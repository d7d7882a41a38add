using System;
using LossGen.Builtins;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Threading;

/// <summary>
/// A generated optimizer step over many weights runs in chunks on several threads and gives the same
/// bits as on one: Adam (three state-free hyper-parameters, two state buffers) plain and with a fused
/// L2 penalty, over a ragged 1 000 003 weights, float and double, ten steps.
/// </summary>
[Collection(ParallelismCollection.Name)]
public sealed class ParallelStepTests
{
    private const int Weights = 1_000_003;

    [Fact]
    public void Float_adam_steps_are_the_same_bits_at_every_degree()
    {
        using var degree = new DegreeOverride(3);
        var one = RunFloat(1);
        foreach (int d in new[] { 2, 3 })
            Array.ConvertAll(RunFloat(d), BitConverter.SingleToInt32Bits).ShouldBe(Array.ConvertAll(one, BitConverter.SingleToInt32Bits), $"degree {d}");
    }

    [Fact]
    public void Double_adam_steps_are_the_same_bits_at_every_degree()
    {
        using var degree = new DegreeOverride(2);
        var one = RunDouble(1);
        Array.ConvertAll(RunDouble(2), BitConverter.DoubleToInt64Bits).ShouldBe(Array.ConvertAll(one, BitConverter.DoubleToInt64Bits));
    }

    private static float[] RunFloat(int degree)
    {
        using var scope = Parallelism.Limit(degree);
        var random = new Random(9);
        var w = new float[Weights];
        var g = new float[Weights];
        for (int i = 0; i < Weights; i++) (w[i], g[i]) = ((float)(random.NextDouble() - 0.5), (float)(random.NextDouble() - 0.5));
        float[] m = new float[Weights], v = new float[Weights];
        var penalty = new L2.Penalty(1e-3);
        for (int t = 1; t <= 10; t++)
        {
            if (t % 2 == 0) Adam.Step(w, g, m, v, t, lr: 0.01f);
            else Adam.Step(w, g, m, v, t, penalty, lr: 0.01f);
        }
        return [.. w, .. m, .. v];
    }

    private static double[] RunDouble(int degree)
    {
        using var scope = Parallelism.Limit(degree);
        var random = new Random(10);
        var w = new double[Weights];
        var g = new double[Weights];
        for (int i = 0; i < Weights; i++) (w[i], g[i]) = (random.NextDouble() - 0.5, random.NextDouble() - 0.5);
        double[] m = new double[Weights], v = new double[Weights];
        for (int t = 1; t <= 10; t++) Adam.Step(w, g, m, v, t, lr: 0.01);
        return [.. w, .. m, .. v];
    }
}
