using System;

namespace LossGen.Optimization;

/// <summary>How a <see cref="StrongWolfeLineSearch"/> ended.</summary>
internal enum LineSearchStatus
{
    /// <summary>The last evaluated trial point satisfies both strong Wolfe conditions.</summary>
    Success,

    /// <summary>No acceptable step within the search's budget or before the bracket collapsed.</summary>
    Failed,

    /// <summary>The objective returned a non-finite value or gradient at a trial point.</summary>
    NonFinite,

    /// <summary>The optimizer's overall evaluation budget ran out.</summary>
    EvaluationBudget,
}

/// <summary>
/// A line search along a descent direction d from x that returns a step α satisfying the strong
/// Wolfe conditions for φ(α) = f(x + αd):
/// <code>
///   φ(α) ≤ φ(0) + c₁ α φ'(0)        (sufficient decrease)
///   |φ'(α)| ≤ c₂ |φ'(0)|            (strong curvature)
/// </code>
/// It follows the two-phase structure of Nocedal &amp; Wright, Numerical Optimization (2nd ed.),
/// Algorithms 3.5 and 3.6: a bracketing phase that grows α until an interval is known to contain
/// acceptable steps, then a zoom phase that shrinks that interval by safeguarded interpolation.
/// </summary>
/// <remarks>
/// Every trial evaluates value and gradient (our objectives produce both in one fused pass), so
/// both interpolation phases use cubics matched to two values and two slopes, with a quadratic and
/// then bisection as fallbacks when the cubic is undefined or lands too close to an end of the
/// interval. The accepted point is always the last one evaluated, so the caller finds x + αd and
/// its gradient already in the trial buffers; nothing is re-evaluated.
/// </remarks>
internal static class StrongWolfeLineSearch
{
    /// <summary>Steps beyond this are treated as a sign the objective is unbounded below.</summary>
    private const double MaxStep = 1e20;

    /// <summary>
    /// In zoom, interpolated steps must keep this fraction of the interval's width from either end;
    /// otherwise the interval could shrink by a negligible amount per evaluation.
    /// </summary>
    private const double ZoomMargin = 0.1;

    /// <summary>In bracketing, the next step lies in [α + Lo·(α − α_prev), α + Hi·(α − α_prev)].</summary>
    private const double ExtrapolationLo = 1.1;
    private const double ExtrapolationHi = 4.0;

    /// <summary>
    /// Searches along <paramref name="d"/> from <paramref name="x"/>. On <see cref="LineSearchStatus.Success"/>,
    /// <paramref name="xTrial"/> and <paramref name="gTrial"/> hold x + αd and its gradient. On any
    /// other status their contents are meaningless and the caller must keep its previous point.
    /// </summary>
    /// <param name="f">The objective.</param>
    /// <param name="x">The current iterate (not modified).</param>
    /// <param name="d">The search direction (not modified).</param>
    /// <param name="phi0">f(x).</param>
    /// <param name="dphi0">∇f(x)ᵀd; must be negative.</param>
    /// <param name="initialStep">First trial α (1 for quasi-Newton directions).</param>
    /// <param name="c1">Sufficient-decrease constant.</param>
    /// <param name="c2">Curvature constant, c1 &lt; c2 &lt; 1.</param>
    /// <param name="maxSearchEvaluations">Trials allowed in this search before it fails.</param>
    /// <param name="xTrial">Work space for trial points; holds x + αd on success.</param>
    /// <param name="gTrial">Work space for trial gradients; holds ∇f(x + αd) on success.</param>
    /// <param name="evaluations">The optimizer's running evaluation count, incremented per trial.</param>
    /// <param name="maxEvaluations">The optimizer's overall budget.</param>
    /// <param name="alpha">The accepted step.</param>
    /// <param name="phi">f(x + αd).</param>
    /// <param name="dphi">∇f(x + αd)ᵀd.</param>
    public static LineSearchStatus Search<TFunc>(
        ref TFunc f,
        ReadOnlySpan<double> x, ReadOnlySpan<double> d,
        double phi0, double dphi0, double initialStep,
        double c1, double c2, int maxSearchEvaluations,
        Span<double> xTrial, Span<double> gTrial,
        ref int evaluations, int maxEvaluations,
        out double alpha, out double phi, out double dphi)
        where TFunc : struct, IDifferentiableFunction
    {
        int used = 0;
        double curvatureBound = -c2 * dphi0;   // |φ'(α)| must not exceed this

        // ---- bracketing (N&W Alg. 3.5) ----
        double aPrev = 0, fPrev = phi0, gPrev = dphi0;
        double a = initialStep;
        alpha = a;
        phi = double.NaN;
        dphi = double.NaN;
        for (int i = 0; ; i++)
        {
            var status = Evaluate(ref f, x, d, a, xTrial, gTrial, ref evaluations, maxEvaluations, ref used, out double fa, out double ga);
            if (status != LineSearchStatus.Success)
            {
                return status;
            }

            if (fa > phi0 + c1 * a * dphi0 || (i > 0 && fa >= fPrev))
            {
                // The minimum along d has been overshot: acceptable steps lie between the previous
                // trial (which still decreased sufficiently) and this one.
                return Zoom(ref f, x, d, phi0, dphi0, c1, curvatureBound, maxSearchEvaluations,
                    aPrev, fPrev, gPrev, a, fa, ga, xTrial, gTrial, ref evaluations, maxEvaluations, ref used,
                    out alpha, out phi, out dphi);
            }

            if (Math.Abs(ga) <= curvatureBound)
            {
                alpha = a;
                phi = fa;
                dphi = ga;
                return LineSearchStatus.Success;
            }

            if (ga >= 0)
            {
                // φ turned upward while still below the sufficient-decrease line: the bracket's
                // low end is this trial, its other end the previous one.
                return Zoom(ref f, x, d, phi0, dphi0, c1, curvatureBound, maxSearchEvaluations,
                    a, fa, ga, aPrev, fPrev, gPrev, xTrial, gTrial, ref evaluations, maxEvaluations, ref used,
                    out alpha, out phi, out dphi);
            }

            // Still descending steeply: step further. The cubic through the last two trials
            // suggests where the slope reaches zero; the bounds keep growth geometric but finite.
            if (a >= MaxStep || used >= maxSearchEvaluations)
            {
                return LineSearchStatus.Failed;
            }

            double width = a - aPrev;
            double lo = a + ExtrapolationLo * width;
            double hi = Math.Min(a + ExtrapolationHi * width, MaxStep);
            double next = CubicMinimizer(aPrev, fPrev, gPrev, a, fa, ga);
            next = double.IsFinite(next) && next > a ? Math.Clamp(next, Math.Min(lo, hi), hi) : hi;

            aPrev = a;
            fPrev = fa;
            gPrev = ga;
            a = next;
        }
    }

    // ---- zoom (N&W Alg. 3.6) ----
    // Invariants: lo satisfies sufficient decrease and has the least φ of all such trials so far;
    // φ'(lo)·(hi − lo) < 0, so a strong Wolfe point lies between lo and hi.
    private static LineSearchStatus Zoom<TFunc>(
        ref TFunc f,
        ReadOnlySpan<double> x, ReadOnlySpan<double> d,
        double phi0, double dphi0, double c1, double curvatureBound, int maxSearchEvaluations,
        double aLo, double fLo, double gLo, double aHi, double fHi, double gHi,
        Span<double> xTrial, Span<double> gTrial,
        ref int evaluations, int maxEvaluations, ref int used,
        out double alpha, out double phi, out double dphi)
        where TFunc : struct, IDifferentiableFunction
    {
        alpha = aLo;
        phi = fLo;
        dphi = gLo;
        while (true)
        {
            double left = Math.Min(aLo, aHi);
            double right = Math.Max(aLo, aHi);
            double width = right - left;

            // Once the bracket is a few ulps wide, further trials cannot tell points apart.
            if (used >= maxSearchEvaluations || width <= 4 * double.Epsilon + 1e-15 * right)
            {
                return LineSearchStatus.Failed;
            }

            double a = Interpolate(aLo, fLo, gLo, aHi, fHi, gHi, left + ZoomMargin * width, right - ZoomMargin * width);

            var status = Evaluate(ref f, x, d, a, xTrial, gTrial, ref evaluations, maxEvaluations, ref used, out double fa, out double ga);
            if (status != LineSearchStatus.Success)
            {
                return status;
            }

            if (fa > phi0 + c1 * a * dphi0 || fa >= fLo)
            {
                aHi = a;
                fHi = fa;
                gHi = ga;
            }
            else
            {
                if (Math.Abs(ga) <= curvatureBound)
                {
                    alpha = a;
                    phi = fa;
                    dphi = ga;
                    return LineSearchStatus.Success;
                }

                if (ga * (aHi - aLo) >= 0)
                {
                    aHi = aLo;
                    fHi = fLo;
                    gHi = gLo;
                }

                aLo = a;
                fLo = fa;
                gLo = ga;
            }
        }
    }

    /// <summary>
    /// A step inside [<paramref name="min"/>, <paramref name="max"/>]: the cubic's minimiser if it
    /// lands there, else the quadratic's (value and slope at lo, value at hi), else the midpoint.
    /// </summary>
    private static double Interpolate(double aLo, double fLo, double gLo, double aHi, double fHi, double gHi, double min, double max)
    {
        double cubic = CubicMinimizer(aLo, fLo, gLo, aHi, fHi, gHi);
        if (cubic >= min && cubic <= max)
        {
            return cubic;
        }

        double quadratic = QuadraticMinimizer(aLo, fLo, gLo, aHi, fHi);
        if (quadratic >= min && quadratic <= max)
        {
            return quadratic;
        }

        return 0.5 * (aLo + aHi);
    }

    /// <summary>
    /// The local minimiser of the cubic p with p(a) = fa, p'(a) = ga, p(b) = fb, p'(b) = gb, or NaN
    /// when the cubic has no local minimum (or a = b).
    /// </summary>
    /// <remarks>
    /// Writing θ = 3(fa − fb)/(b − a) + ga + gb, the cubic's stationary points satisfy a quadratic
    /// whose discriminant is θ² − ga·gb; with w = sign(b − a)·√(θ² − ga·gb) the minimiser is
    /// b − (b − a)(gb + w − θ)/(gb − ga + 2w). Before squaring, θ, ga and gb are scaled by their
    /// largest magnitude so the discriminant cannot overflow.
    /// </remarks>
    internal static double CubicMinimizer(double a, double fa, double ga, double b, double fb, double gb)
    {
        double h = b - a;
        if (h == 0)
        {
            return double.NaN;
        }

        double theta = 3 * (fa - fb) / h + ga + gb;
        double s = Math.Max(Math.Abs(theta), Math.Max(Math.Abs(ga), Math.Abs(gb)));
        if (s == 0 || !double.IsFinite(s))
        {
            return double.NaN;
        }

        double disc = (theta / s) * (theta / s) - (ga / s) * (gb / s);
        if (disc < 0)
        {
            return double.NaN;
        }

        double w = Math.CopySign(s * Math.Sqrt(disc), h);
        double denominator = gb - ga + 2 * w;
        if (denominator == 0)
        {
            return double.NaN;
        }

        return b - h * (gb + w - theta) / denominator;
    }

    /// <summary>
    /// The minimiser of the parabola q with q(a) = fa, q'(a) = ga, q(b) = fb, or NaN if q is not convex.
    /// </summary>
    /// <remarks>q(a + t) = fa + ga·t + c·t² with c = (fb − fa − ga·h)/h², minimised at t = −ga/(2c).</remarks>
    internal static double QuadraticMinimizer(double a, double fa, double ga, double b, double fb)
    {
        double h = b - a;
        double curvatureTimesH2 = fb - fa - ga * h;
        if (h == 0 || !(curvatureTimesH2 > 0))
        {
            return double.NaN;
        }

        return a - ga * h * h / (2 * curvatureTimesH2);
    }

    private static LineSearchStatus Evaluate<TFunc>(
        ref TFunc f, ReadOnlySpan<double> x, ReadOnlySpan<double> d, double a,
        Span<double> xTrial, Span<double> gTrial,
        ref int evaluations, int maxEvaluations, ref int used,
        out double fa, out double ga)
        where TFunc : struct, IDifferentiableFunction
    {
        fa = double.NaN;
        ga = double.NaN;
        if (evaluations >= maxEvaluations)
        {
            return LineSearchStatus.EvaluationBudget;
        }

        DenseOps.Step(x, a, d, xTrial);
        fa = f.ValueAndGradient(xTrial, gTrial);
        evaluations++;
        used++;
        if (!double.IsFinite(fa) || !DenseOps.AllFinite(gTrial))
        {
            return LineSearchStatus.NonFinite;
        }

        ga = DenseOps.Dot(gTrial, d);
        return LineSearchStatus.Success;
    }
}
