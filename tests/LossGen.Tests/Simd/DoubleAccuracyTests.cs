using System;
using LossGen.CompilerServices;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace LossGen.Tests.Simd;

/// <summary>
/// Double Exp/Log/Tanh/Sigmoid/Softplus over 2·10^5 points per range and per vector width, against
/// System.Math, within <see cref="DoubleTolerance"/>. The worst error is written to the test
/// output (run with --logger "console;verbosity=detailed" to see it).
/// </summary>
public sealed class DoubleAccuracyTests(ITestOutputHelper output)
{
    private const int Grid = 100_000;

    private void Check(string name, Func<double[], SweepResult>[] widths, double[] inputs, double ulps)
    {
        string[] names = ["D512", "D256", "D128"];
        for (int w = 0; w < widths.Length; w++)
        {
            SweepResult result = widths[w](inputs);
            output.WriteLine($"{names[w]} {name}: {result}");
            result.MaxUlps.ShouldBeLessThanOrEqualTo(ulps, $"{names[w]} {name}: {result}");
        }
    }

    private void Check(string name, Func<D512, D512> f512, Func<D256, D256> f256, Func<D128, D128> f128,
        Func<double, double> exact, double[] inputs, double ulps) =>
        Check(name,
        [
            x => AccuracySweep.Double(f512, exact, x),
            x => AccuracySweep.Double(f256, exact, x),
            x => AccuracySweep.Double(f128, exact, x),
        ], inputs, ulps);

    [Fact]
    public void Exp_over_minus_700_to_700() =>
        Check("Exp [-700, 700]", D512.Exp, D256.Exp, D128.Exp, Math.Exp,
            (AccuracySweep.Linear(-700, 700, Grid, 1)), DoubleTolerance.Exp);

    [Fact]
    public void Exp_with_subnormal_results() =>
        Check("Exp [-746, -708] (subnormal results)", D512.Exp, D256.Exp, D128.Exp, Math.Exp,
            (AccuracySweep.Linear(-746, -708, Grid, 2)), DoubleTolerance.Exp);

    [Fact]
    public void Log_over_1e_minus30_to_1e30() =>
        Check("Log (1e-30, 1e30)", D512.Log, D256.Log, D128.Log, Math.Log,
            (AccuracySweep.Logarithmic(-30, 30, Grid, 3)), DoubleTolerance.Log);

    [Fact]
    public void Log_over_1e_minus300_to_1e300() =>
        Check("Log (1e-300, 1e300)", D512.Log, D256.Log, D128.Log, Math.Log,
            (AccuracySweep.Logarithmic(-300, 300, Grid, 9)), DoubleTolerance.Log);

    [Fact]
    public void Log_near_one() =>
        Check("Log [0.5, 2]", D512.Log, D256.Log, D128.Log, Math.Log,
            (AccuracySweep.Linear(0.5, 2, Grid, 4)), DoubleTolerance.Log);

    [Fact]
    public void Log_of_subnormals() =>
        Check("Log [5e-324, 2.2e-308] (subnormal inputs)", D512.Log, D256.Log, D128.Log, Math.Log,
            (AccuracySweep.Logarithmic(-323.3, -307.66, Grid, 5)), DoubleTolerance.Log);

    [Fact]
    public void Tanh_over_minus_20_to_20() =>
        Check("Tanh [-20, 20]", D512.Tanh, D256.Tanh, D128.Tanh, Math.Tanh,
            (AccuracySweep.Linear(-20, 20, Grid, 6)), DoubleTolerance.Tanh);

    [Fact]
    public void Sigmoid_over_minus_750_to_750() =>
        Check("Sigmoid [-750, 750]", D512.Sigmoid, D256.Sigmoid, D128.Sigmoid, ReferenceMath.Sigmoid,
            (AccuracySweep.Linear(-750, 750, Grid, 7)), DoubleTolerance.Sigmoid);

    [Fact]
    public void Softplus_over_minus_750_to_750() =>
        Check("Softplus [-750, 750]", D512.Softplus, D256.Softplus, D128.Softplus, ReferenceMath.Softplus,
            (AccuracySweep.Linear(-750, 750, Grid, 8)), DoubleTolerance.Softplus);
}
