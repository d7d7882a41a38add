using System;
using LossGen.CompilerServices;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace LossGen.Tests.Simd;

/// <summary>
/// Float Exp/Log/Tanh/Sigmoid/Softplus over 2·10^5 points per range and per vector width, against
/// System.Math in double, within <see cref="FloatTolerance"/>. The worst error is written to the test
/// output (run with --logger "console;verbosity=detailed" to see it).
/// </summary>
public sealed class FloatAccuracyTests(ITestOutputHelper output)
{
    private const int Grid = 100_000;

    private void Check(string name, Func<float[], SweepResult>[] widths, float[] inputs, double ulps)
    {
        string[] names = ["F512", "F256", "F128"];
        for (int w = 0; w < widths.Length; w++)
        {
            SweepResult result = widths[w](inputs);
            output.WriteLine($"{names[w]} {name}: {result}");
            result.MaxUlps.ShouldBeLessThanOrEqualTo(ulps, $"{names[w]} {name}: {result}");
        }
    }

    private void Check(string name, Func<F512, F512> f512, Func<F256, F256> f256, Func<F128, F128> f128,
        Func<double, double> exact, float[] inputs, double ulps) =>
        Check(name,
        [
            x => AccuracySweep.Float(f512, exact, x),
            x => AccuracySweep.Float(f256, exact, x),
            x => AccuracySweep.Float(f128, exact, x),
        ], inputs, ulps);

    [Fact]
    public void Exp_over_minus_100_to_100() =>
        Check("Exp [-100, 100]", F512.Exp, F256.Exp, F128.Exp, Math.Exp,
            AccuracySweep.ToFloat(AccuracySweep.Linear(-100, 100, Grid, 1)), FloatTolerance.Exp);

    [Fact]
    public void Exp_with_subnormal_results() =>
        Check("Exp [-104, -87] (subnormal results)", F512.Exp, F256.Exp, F128.Exp, Math.Exp,
            AccuracySweep.ToFloat(AccuracySweep.Linear(-104, -87, Grid, 2)), FloatTolerance.Exp);

    [Fact]
    public void Log_over_1e_minus30_to_1e30() =>
        Check("Log (1e-30, 1e30)", F512.Log, F256.Log, F128.Log, Math.Log,
            AccuracySweep.ToFloat(AccuracySweep.Logarithmic(-30, 30, Grid, 3)), FloatTolerance.Log);

    [Fact]
    public void Log_near_one() =>
        Check("Log [0.5, 2]", F512.Log, F256.Log, F128.Log, Math.Log,
            AccuracySweep.ToFloat(AccuracySweep.Linear(0.5, 2, Grid, 4)), FloatTolerance.Log);

    [Fact]
    public void Log_of_subnormals() =>
        Check("Log [1e-45, 1.2e-38] (subnormal inputs)", F512.Log, F256.Log, F128.Log, Math.Log,
            AccuracySweep.ToFloat(AccuracySweep.Logarithmic(-44.8, -37.93, Grid, 5)), FloatTolerance.Log);

    [Fact]
    public void Tanh_over_minus_10_to_10() =>
        Check("Tanh [-10, 10]", F512.Tanh, F256.Tanh, F128.Tanh, Math.Tanh,
            AccuracySweep.ToFloat(AccuracySweep.Linear(-10, 10, Grid, 6)), FloatTolerance.Tanh);

    [Fact]
    public void Sigmoid_over_minus_110_to_110() =>
        Check("Sigmoid [-110, 110]", F512.Sigmoid, F256.Sigmoid, F128.Sigmoid, ReferenceMath.Sigmoid,
            AccuracySweep.ToFloat(AccuracySweep.Linear(-110, 110, Grid, 7)), FloatTolerance.Sigmoid);

    [Fact]
    public void Softplus_over_minus_110_to_110() =>
        Check("Softplus [-110, 110]", F512.Softplus, F256.Softplus, F128.Softplus, ReferenceMath.Softplus,
            AccuracySweep.ToFloat(AccuracySweep.Linear(-110, 110, Grid, 8)), FloatTolerance.Softplus);
}
