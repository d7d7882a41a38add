using System;
using LossGen.Optimization;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Optimization;

public sealed class StrongWolfeLineSearchTests
{
    /// <summary>f(x) = (x − 10)², one dimension.</summary>
    private struct Parabola : IDifferentiableFunction
    {
        public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
        {
            gradient[0] = 2 * (x[0] - 10);
            return (x[0] - 10) * (x[0] - 10);
        }
    }

    /// <summary>A wiggly 1-D function with several local minima: x⁴/4 − x² + ½ sin(3x).</summary>
    private struct Wiggly : IDifferentiableFunction
    {
        public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
        {
            double t = x[0];
            gradient[0] = t * t * t - 2 * t + 1.5 * Math.Cos(3 * t);
            return t * t * t * t / 4 - t * t + 0.5 * Math.Sin(3 * t);
        }
    }

    /// <summary>Returns the value of (x − 1)² but the gradient of −(x − 1)²: a wrong gradient.</summary>
    private struct WrongGradient : IDifferentiableFunction
    {
        public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
        {
            gradient[0] = -2 * (x[0] - 1);
            return (x[0] - 1) * (x[0] - 1);
        }
    }

    /// <summary>f(x) = −x: unbounded below.</summary>
    private struct Unbounded : IDifferentiableFunction
    {
        public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
        {
            gradient[0] = -1;
            return -x[0];
        }
    }

    private static LineSearchStatus Run<TFunc>(TFunc f, double x0, double direction, double initialStep, double c2,
        out double alpha, out double phi, out double dphi, out int evaluations)
        where TFunc : struct, IDifferentiableFunction
    {
        double[] x = { x0 };
        double[] d = { direction };
        double[] g = new double[1];
        double phi0 = f.ValueAndGradient(x, g);
        double dphi0 = g[0] * direction;
        evaluations = 0;
        return StrongWolfeLineSearch.Search(ref f, x, d, phi0, dphi0, initialStep, 1e-4, c2, 40,
            new double[1], new double[1], ref evaluations, 1000, out alpha, out phi, out dphi);
    }

    [Fact]
    public void Interpolants_find_the_exact_minimisers_of_a_cubic_and_a_parabola()
    {
        // p(t) = t³ − 3t: p(0) = 0, p'(0) = −3, p(2) = 2, p'(2) = 9; local minimum at t = 1.
        StrongWolfeLineSearch.CubicMinimizer(0, 0, -3, 2, 2, 9).ShouldBe(1.0, 1e-15);
        StrongWolfeLineSearch.CubicMinimizer(2, 2, 9, 0, 0, -3).ShouldBe(1.0, 1e-15);

        // q(t) = (t − 2)²: q(0) = 4, q'(0) = −4, q(3) = 1.
        StrongWolfeLineSearch.QuadraticMinimizer(0, 4, -4, 3, 1).ShouldBe(2.0, 1e-15);

        // A concave fit has no minimiser.
        double.IsNaN(StrongWolfeLineSearch.QuadraticMinimizer(0, 0, -1, 1, -5)).ShouldBeTrue();
    }

    [Fact]
    public void Extrapolates_when_the_first_step_is_too_short()
    {
        // From 0 toward 10 with c2 = 0.1: α = 1 leaves slope −18 (bound 2), so bracketing steps
        // out (clamped to 1 + 4·1 = 5), then lands on the cubic's (here exact) minimiser 10.
        Run(new Parabola(), 0, 1, 1, 0.1, out double alpha, out double phi, out double dphi, out int evaluations)
            .ShouldBe(LineSearchStatus.Success);
        alpha.ShouldBe(10, 1e-12);
        phi.ShouldBe(0, 1e-20);
        Math.Abs(dphi).ShouldBeLessThanOrEqualTo(0.1 * 20);
        evaluations.ShouldBe(3);
    }

    [Fact]
    public void Zooms_when_the_first_step_overshoots()
    {
        Run(new Parabola(), 0, 1, 100, 0.1, out double alpha, out _, out _, out int evaluations)
            .ShouldBe(LineSearchStatus.Success);
        alpha.ShouldBe(10, 1e-9);
        evaluations.ShouldBe(2);
    }

    [Fact]
    public void Accepted_steps_satisfy_strong_Wolfe_across_starts_scales_and_c2()
    {
        int searches = 0;
        for (double x0 = -3; x0 <= 3; x0 += 0.05)
        {
            var f = new Wiggly();
            var g = new double[1];
            f.ValueAndGradient(new[] { x0 }, g);
            double direction = -Math.Sign(g[0]);
            if (direction == 0)
            {
                continue;
            }

            foreach (double initial in new[] { 1e-4, 0.3, 1, 30, 1e4 })
            {
                foreach (double c2 in new[] { 0.9, 0.5, 0.1 })
                {
                    double phi0 = f.ValueAndGradient(new[] { x0 }, g);
                    double dphi0 = g[0] * direction;
                    Run(f, x0, direction, initial, c2, out double alpha, out double phi, out double dphi, out int evaluations)
                        .ShouldBe(LineSearchStatus.Success, $"x0 = {x0}, α0 = {initial}, c2 = {c2}");

                    // Re-evaluate independently at the accepted point.
                    double check = f.ValueAndGradient(new[] { x0 + alpha * direction }, g);
                    check.ShouldBe(phi);
                    (g[0] * direction).ShouldBe(dphi);
                    phi.ShouldBeLessThanOrEqualTo(phi0 + 1e-4 * alpha * dphi0);
                    Math.Abs(dphi).ShouldBeLessThanOrEqualTo(c2 * Math.Abs(dphi0));
                    evaluations.ShouldBeLessThanOrEqualTo(25);
                    searches++;
                }
            }
        }

        searches.ShouldBeGreaterThan(1000);
    }

    [Fact]
    public void A_wrong_gradient_ends_in_a_line_search_failure_not_a_false_success()
    {
        var f = new WrongGradient();
        double[] x = { 3.0 };
        LBfgsResult result = LBfgs.Minimize(ref f, x);
        result.Reason.ShouldBe(LBfgsTerminationReason.LineSearchFailed);
        x[0].ShouldBe(3.0);   // no step was accepted
        result.Value.ShouldBe(4.0);
    }

    [Fact]
    public void An_objective_unbounded_below_ends_in_a_line_search_failure()
    {
        Run(new Unbounded(), 0, 1, 1, 0.9, out _, out _, out _, out int evaluations).ShouldBe(LineSearchStatus.Failed);
        evaluations.ShouldBeLessThanOrEqualTo(40);
    }
}
