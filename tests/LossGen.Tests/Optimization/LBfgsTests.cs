using System;
using System.Collections.Generic;
using LossGen.Optimization;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace LossGen.Tests.Optimization;

public sealed class LBfgsTests
{
    private readonly ITestOutputHelper _output;

    public LBfgsTests(ITestOutputHelper output) => _output = output;

    private static readonly LBfgsOptions Tight = new()
    {
        GradientTolerance = 1e-10,
        RelativeGradientTolerance = 0,
        FunctionTolerance = 0,
    };

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    public void Rosenbrock_from_the_standard_start_converges_to_all_ones(int n)
    {
        var f = new Rosenbrock();
        double[] x = Rosenbrock.StandardStart(n);

        LBfgsResult result = LBfgs.Minimize(ref f, x, Tight);

        _output.WriteLine($"Rosenbrock {n}-D: {result}");
        result.Reason.ShouldBe(LBfgsTerminationReason.GradientTolerance);
        result.Evaluations.ShouldBe(f.Evaluations);
        foreach (double xi in x)
        {
            Math.Abs(xi - 1).ShouldBeLessThan(1e-6);
        }

        result.Value.ShouldBeLessThan(1e-12);
        result.Iterations.ShouldBeLessThan(200);
    }

    [Fact]
    public void Convex_quadratic_reaches_its_known_minimiser()
    {
        const int n = 50;
        var minimizer = new double[n];
        for (int i = 0; i < n; i++)
        {
            minimizer[i] = Math.Sin(i + 1) * 3;
        }

        var f = new CoupledQuadratic(minimizer);
        var x = new double[n];

        LBfgsResult result = LBfgs.Minimize(ref f, x, Tight);

        _output.WriteLine($"Quadratic {n}-D: {result}");
        result.Reason.ShouldBe(LBfgsTerminationReason.GradientTolerance);
        for (int i = 0; i < n; i++)
        {
            x[i].ShouldBe(minimizer[i], 1e-9);
        }
    }

    [Fact]
    public void When_function_values_stop_resolving_progress_the_run_ends_honestly_near_the_minimiser()
    {
        // Same quadratic, plus an offset of −2843: near x* a step's decrease (~‖g‖²) falls below
        // the offset's rounding (~3e-13), so no step can be shown to satisfy sufficient decrease.
        // The run must then stop with a non-converged reason, close to x* and with x unharmed,
        // rather than claim convergence to the requested 1e-10 gradient.
        const int n = 50;
        var minimizer = new double[n];
        for (int i = 0; i < n; i++)
        {
            minimizer[i] = Math.Sin(i + 1) * 3;
        }

        var f = new CoupledQuadratic(minimizer, offset: -2843.0);
        var x = new double[n];

        LBfgsResult result = LBfgs.Minimize(ref f, x, Tight);

        _output.WriteLine($"Offset quadratic {n}-D: {result}");
        result.Reason.ShouldBeOneOf(LBfgsTerminationReason.LineSearchFailed, LBfgsTerminationReason.GradientTolerance);
        for (int i = 0; i < n; i++)
        {
            x[i].ShouldBe(minimizer[i], 1e-5);
        }

        f.ValueAndGradient(x, new double[n]).ShouldBe(result.Value);
    }

    [Fact]
    public void Every_accepted_step_satisfies_the_strong_Wolfe_conditions()
    {
        // Rosenbrock (steps that overshoot, zoom) and the 50-D quadratic (a first step far too
        // short, so the search must extrapolate).
        CheckStrongWolfe(new Rosenbrock(), Rosenbrock.StandardStart(2));
        CheckStrongWolfe(new Rosenbrock(), Rosenbrock.StandardStart(10));
        var minimizer = new double[50];
        for (int i = 0; i < minimizer.Length; i++)
        {
            minimizer[i] = 3 + Math.Sin(i + 1);
        }

        CheckStrongWolfe(new CoupledQuadratic(minimizer), new double[50]);
    }

    private static void CheckStrongWolfe<TFunc>(TFunc objective, double[] x)
        where TFunc : struct, IDifferentiableFunction
    {
        // The observer hands out the previous point, the direction and the accepted point; the
        // test re-evaluates the objective itself at both ends, so it does not rely on the numbers
        // the optimizer reports.
        var steps = new List<(double Alpha, double F0, double Slope0, double F1, double Slope1, double StepError)>();
        TFunc checker = objective;
        var options = Tight with
        {
            Observer = it =>
            {
                double[] g0 = new double[it.Point.Length];
                double[] g1 = new double[it.Point.Length];
                double f0 = checker.ValueAndGradient(it.PreviousPoint, g0);
                double f1 = checker.ValueAndGradient(it.Point, g1);
                double slope0 = 0, slope1 = 0, stepError = 0;
                for (int i = 0; i < g0.Length; i++)
                {
                    slope0 += g0[i] * it.Direction[i];
                    slope1 += g1[i] * it.Direction[i];
                    stepError = Math.Max(stepError, Math.Abs(it.Point[i] - (it.PreviousPoint[i] + it.StepLength * it.Direction[i])));
                }

                steps.Add((it.StepLength, f0, slope0, f1, slope1, stepError));
            },
        };

        TFunc f = objective;
        LBfgsResult result = LBfgs.Minimize(ref f, x, options);

        result.Converged.ShouldBeTrue();
        steps.Count.ShouldBe(result.Iterations);
        steps.Count.ShouldBeGreaterThan(10);
        foreach (var s in steps)
        {
            s.Alpha.ShouldBeGreaterThan(0);
            s.StepError.ShouldBe(0);
            s.Slope0.ShouldBeLessThan(0);
            s.F1.ShouldBeLessThanOrEqualTo(s.F0 + options.C1 * s.Alpha * s.Slope0);
            Math.Abs(s.Slope1).ShouldBeLessThanOrEqualTo(options.C2 * Math.Abs(s.Slope0));
        }
    }

    [Fact]
    public void The_observer_does_not_change_the_run()
    {
        var f1 = new Rosenbrock();
        double[] x1 = Rosenbrock.StandardStart(10);
        LBfgsResult r1 = LBfgs.Minimize(ref f1, x1, Tight);

        int calls = 0;
        var f2 = new Rosenbrock();
        double[] x2 = Rosenbrock.StandardStart(10);
        LBfgsResult r2 = LBfgs.Minimize(ref f2, x2, Tight with { Observer = _ => calls++ });

        r2.ShouldBe(r1);
        x2.ShouldBe(x1);
        calls.ShouldBe(r1.Iterations);
    }

    [Fact]
    public void Minimize_allocates_nothing_per_iteration()
    {
        // Same problem, different iteration budgets: if the loop allocated, the longer run would
        // allocate more. Warm up first so JIT allocations are not counted.
        long Allocated(int iterations)
        {
            var f = new Rosenbrock();
            double[] x = Rosenbrock.StandardStart(10);
            var options = Tight with { MaxIterations = iterations };
            long before = GC.GetAllocatedBytesForCurrentThread();
            LBfgsResult r = LBfgs.Minimize(ref f, x, options);
            long after = GC.GetAllocatedBytesForCurrentThread();
            r.Iterations.ShouldBe(iterations);
            return after - before;
        }

        Allocated(3);
        Allocated(30);
        Allocated(3).ShouldBe(Allocated(30));
    }

    [Fact]
    public void A_NaN_mid_run_stops_with_a_reason_and_keeps_the_last_good_point()
    {
        var f = new NaNAfter { CallsBeforeNaN = 4 };
        double[] x = { 0.0, 0.0, 0.0 };
        double[] lastAccepted = (double[])x.Clone();
        var options = Tight with { Observer = it => lastAccepted = it.Point.ToArray() };

        LBfgsResult result = LBfgs.Minimize(ref f, x, options);

        result.Reason.ShouldBe(LBfgsTerminationReason.NonFiniteObjective);
        result.Converged.ShouldBeFalse();
        x.ShouldBe(lastAccepted);
        double.IsFinite(result.Value).ShouldBeTrue();

        // The reported value is the objective at the point left in x.
        var fresh = new NaNAfter { CallsBeforeNaN = int.MaxValue };
        fresh.ValueAndGradient(x, new double[3]).ShouldBe(result.Value);
    }

    [Fact]
    public void The_evaluation_budget_is_respected_and_reported()
    {
        var f = new Rosenbrock();
        double[] x = Rosenbrock.StandardStart(10);

        LBfgsResult result = LBfgs.Minimize(ref f, x, Tight with { MaxEvaluations = 25 });

        result.Reason.ShouldBe(LBfgsTerminationReason.MaxEvaluations);
        f.Evaluations.ShouldBe(25);
        result.Evaluations.ShouldBe(25);
        double[] g = new double[10];
        var check = new Rosenbrock();
        check.ValueAndGradient(x, g).ShouldBe(result.Value);
    }

    [Fact]
    public void Iteration_limit_and_tolerances_are_reported()
    {
        var f = new Rosenbrock();
        LBfgs.Minimize(ref f, Rosenbrock.StandardStart(2), Tight with { MaxIterations = 5 })
            .Reason.ShouldBe(LBfgsTerminationReason.MaxIterations);

        f = new Rosenbrock();
        var relative = LBfgs.Minimize(ref f, Rosenbrock.StandardStart(2),
            new LBfgsOptions { GradientTolerance = 0, RelativeGradientTolerance = 1e-3, FunctionTolerance = 0 });
        relative.Reason.ShouldBe(LBfgsTerminationReason.RelativeGradientTolerance);

        f = new Rosenbrock();
        var function = LBfgs.Minimize(ref f, Rosenbrock.StandardStart(2),
            new LBfgsOptions { GradientTolerance = 0, RelativeGradientTolerance = 0, FunctionTolerance = 1e-3 });
        function.Reason.ShouldBe(LBfgsTerminationReason.FunctionTolerance);
        function.Value.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_start_at_the_minimum_returns_without_iterating()
    {
        var f = new Rosenbrock();
        double[] x = { 1.0, 1.0 };
        LBfgsResult result = LBfgs.Minimize(ref f, x);
        result.Iterations.ShouldBe(0);
        result.Evaluations.ShouldBe(1);
        result.Reason.ShouldBe(LBfgsTerminationReason.GradientTolerance);
    }

    [Fact]
    public void History_size_one_still_converges()
    {
        var f = new Rosenbrock();
        double[] x = Rosenbrock.StandardStart(2);
        LBfgsResult result = LBfgs.Minimize(ref f, x, Tight with { HistorySize = 1, MaxIterations = 5000 });
        result.Converged.ShouldBeTrue();
        x[0].ShouldBe(1, 1e-6);
        x[1].ShouldBe(1, 1e-6);
    }

    [Fact]
    public void Bad_input_throws_ArgumentException_naming_the_parameter()
    {
        var f = new Rosenbrock();
        Should.Throw<ArgumentException>(() => LBfgs.Minimize(ref f, Span<double>.Empty)).ParamName.ShouldBe("x");
        Should.Throw<ArgumentException>(() => LBfgs.Minimize(ref f, new[] { double.NaN, 1.0 })).ParamName.ShouldBe("x");

        var nan = new NaNAfter { CallsBeforeNaN = 0 };
        Should.Throw<ArgumentException>(() => LBfgs.Minimize(ref nan, new[] { 1.0 }))
            .Message.ShouldContain("start point");

        double[] x = { 0.0, 0.0 };
        Should.Throw<ArgumentException>(() => LBfgs.Minimize(ref f, x, new LBfgsOptions { HistorySize = 0 })).ParamName.ShouldBe("HistorySize");
        Should.Throw<ArgumentException>(() => LBfgs.Minimize(ref f, x, new LBfgsOptions { GradientTolerance = -1 })).ParamName.ShouldBe("GradientTolerance");
        Should.Throw<ArgumentException>(() => LBfgs.Minimize(ref f, x, new LBfgsOptions { RelativeGradientTolerance = -1e-9 })).ParamName.ShouldBe("RelativeGradientTolerance");
        Should.Throw<ArgumentException>(() => LBfgs.Minimize(ref f, x, new LBfgsOptions { FunctionTolerance = double.NaN })).ParamName.ShouldBe("FunctionTolerance");
        Should.Throw<ArgumentException>(() => LBfgs.Minimize(ref f, x, new LBfgsOptions { MaxEvaluations = 0 })).ParamName.ShouldBe("MaxEvaluations");
        Should.Throw<ArgumentException>(() => LBfgs.Minimize(ref f, x, new LBfgsOptions { C1 = 0.95 })).ParamName.ShouldBe("C1");
        f.Evaluations.ShouldBe(0);
    }
}
